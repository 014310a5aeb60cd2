variable "name" {
  description = "Prefix of the etcd members (<name>-0, <name>-1, ...) and their resources."
  type        = string
  default     = "etcd"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,20}$", var.name))
    error_message = "name must be 2-21 characters: lower-case letters, digits and dashes."
  }
}

variable "external_endpoints" {
  description = "Use an existing etcd cluster instead (e.g. [\"http://10.0.1.5:2379\"]). When set, nothing else is created."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for e in var.external_endpoints : can(regex("^https?://[^/]+:[0-9]+$", e))])
    error_message = "external_endpoints must be URLs such as http://host:2379."
  }
}

variable "member_count" {
  description = "etcd members (odd, so a majority survives a failure)."
  type        = number
  default     = 3

  validation {
    condition     = contains([1, 3, 5], var.member_count)
    error_message = "member_count must be 1, 3 or 5."
  }
}

variable "cluster_name" {
  description = "ECS cluster that runs the members (unused with external_endpoints)."
  type        = string
  default     = null
}

variable "vpc_id" {
  description = "VPC (unused with external_endpoints)."
  type        = string
  default     = null
}

variable "subnet_ids" {
  description = "Private subnets for the members and the EFS mount targets (unused with external_endpoints)."
  type        = list(string)
  default     = []
}

variable "allowed_security_group_ids" {
  description = "Security groups whose members may use the etcd client port 2379 (apps)."
  type        = list(string)
  default     = []
}

variable "namespace_id" {
  description = "Cloud Map private DNS namespace id; each member gets <name>-N.<namespace> (unused with external_endpoints)."
  type        = string
  default     = null
}

variable "namespace_name" {
  description = "Cloud Map private DNS namespace name, e.g. im.internal (unused with external_endpoints)."
  type        = string
  default     = null
}

variable "image" {
  description = "etcd container image (the same version as localstack-compose.yml and scripts/infra.sh)."
  type        = string
  default     = "quay.io/coreos/etcd:v3.4.35"

  validation {
    condition     = can(regex("etcd:v3\\.[45]\\.[0-9]+$", var.image))
    error_message = "image must be an etcd v3.4 or v3.5 image."
  }
}

variable "cpu" {
  description = "Fargate CPU units per member."
  type        = number
  default     = 256

  validation {
    condition     = contains([256, 512, 1024, 2048], var.cpu)
    error_message = "cpu must be 256, 512, 1024 or 2048."
  }
}

variable "memory" {
  description = "Fargate memory (MiB) per member."
  type        = number
  default     = 512

  validation {
    condition     = var.memory >= 512 && var.memory <= 16384
    error_message = "memory must be between 512 and 16384 MiB."
  }
}

variable "log_retention_days" {
  description = "Retention of the members' log group."
  type        = number
  default     = 14

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention value."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
