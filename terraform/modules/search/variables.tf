variable "name" {
  description = "Deployment name and prefix of the secret."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,40}$", var.name))
    error_message = "name must be 2-41 characters: lower-case letters, digits and dashes."
  }
}

variable "ec_region" {
  description = "Elastic Cloud region, on AWS and next to the VPC's region (e.g. us-east-1, eu-west-1)."
  type        = string

  validation {
    condition     = can(regex("^(aws-)?[a-z]{2}-[a-z]+-[0-9]$", var.ec_region))
    error_message = "ec_region must be an Elastic Cloud AWS region such as us-east-1."
  }
}

variable "stack_version_regex" {
  description = "Elastic Stack version to run. The apps use the 8.19 Java client, so stay on 8.19.x."
  type        = string
  default     = "^8\\.19\\.[0-9]+$"

  validation {
    condition     = can(regex(var.stack_version_regex, "8.19.5"))
    error_message = "stack_version_regex must accept 8.19.x (the version of the Java client in the apps)."
  }
}

variable "deployment_template_id" {
  description = "Elastic Cloud deployment template (see Elastic's list of regions and templates)."
  type        = string
  default     = "aws-storage-optimized"

  validation {
    condition     = startswith(var.deployment_template_id, "aws-")
    error_message = "deployment_template_id must be an AWS template (aws-*)."
  }
}

variable "hot_size" {
  description = "Memory per zone of the hot tier (e.g. 1g, 2g, 4g)."
  type        = string
  default     = "2g"

  validation {
    condition     = can(regex("^[0-9]+g$", var.hot_size))
    error_message = "hot_size must be a size in GiB such as 2g."
  }
}

variable "zone_count" {
  description = "Availability zones of the hot tier (2 keeps search up when one zone fails)."
  type        = number
  default     = 2

  validation {
    condition     = var.zone_count >= 1 && var.zone_count <= 3
    error_message = "zone_count must be 1, 2 or 3."
  }
}

variable "index_name" {
  description = "Message index (im.index.name of index-function, im.search.index of logic-app). The API key may only touch indices with this prefix."
  type        = string
  default     = "im-messages"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9_-]*$", var.index_name))
    error_message = "index_name must be a lower-case Elasticsearch index name."
  }
}

variable "allowed_cidrs" {
  description = "Sources allowed to reach the deployment: the VPC's NAT addresses and the machine running terraform (the API key is created over HTTPS). Empty leaves the deployment open to the internet (API key still required)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.allowed_cidrs : can(cidrnetmask(c))])
    error_message = "allowed_cidrs must contain IPv4 CIDRs (use /32 for a single address)."
  }
}

variable "secret_recovery_window_days" {
  description = "Recovery window of the connection secret (0 deletes at once)."
  type        = number
  default     = 7

  validation {
    condition     = var.secret_recovery_window_days == 0 || (var.secret_recovery_window_days >= 7 && var.secret_recovery_window_days <= 30)
    error_message = "secret_recovery_window_days must be 0 or between 7 and 30."
  }
}

variable "tags" {
  description = "Tags of the deployment and the secret."
  type        = map(string)
  default     = {}
}
