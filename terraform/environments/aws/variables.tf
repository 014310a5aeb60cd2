variable "name" {
  description = "Environment name, prefix of every resource (e.g. im-prod)."
  type        = string
  default     = "im-prod"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,11}$", var.name))
    error_message = "name must be 2-12 characters: lower-case letters, digits and dashes."
  }
}

variable "region" {
  description = "AWS region."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region such as us-east-1."
  }
}

variable "azs" {
  description = "Availability zones (2 or 3) of the region."
  type        = list(string)
  default     = ["us-east-1a", "us-east-1b", "us-east-1c"]

  validation {
    condition     = length(var.azs) >= 2 && length(var.azs) <= 3
    error_message = "azs must list 2 or 3 availability zones (MSK uses one subnet per zone)."
  }
}

variable "vpc_cidr" {
  description = "VPC CIDR."
  type        = string
  default     = "10.40.0.0/16"

  validation {
    condition     = can(cidrnetmask(var.vpc_cidr))
    error_message = "vpc_cidr must be an IPv4 CIDR."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all zones (cheaper) instead of one per zone."
  type        = bool
  default     = true
}

variable "image_tag" {
  description = "Tag of the gateway-app, logic-app and repo-app images in ECR (scripts/build-images.sh pushes them; tags are immutable)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$", var.image_tag)) && var.image_tag != "latest"
    error_message = "image_tag must be a Docker tag other than latest."
  }
}

variable "certificate_arn" {
  description = "ACM certificate for HTTPS/WSS on the load balancer; null serves plain HTTP/WS on port 80 (test environments only)."
  type        = string
  default     = null

  validation {
    condition     = var.certificate_arn == null || can(regex("^arn:aws[a-z-]*:acm:", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN."
  }
}

variable "alb_ingress_cidrs" {
  description = "Who may reach the public load balancer."
  type        = list(string)
  default     = ["0.0.0.0/0"]

  validation {
    condition     = alltrue([for c in var.alb_ingress_cidrs : can(cidrnetmask(c))])
    error_message = "alb_ingress_cidrs must contain IPv4 CIDRs."
  }
}

variable "alb_idle_timeout" {
  description = "Load balancer idle timeout in seconds; above the gateway's 60 s WebSocket heartbeat timeout."
  type        = number
  default     = 300

  validation {
    condition     = var.alb_idle_timeout > 60 && var.alb_idle_timeout <= 4000
    error_message = "alb_idle_timeout must be above 60 (im.gateway.idle-timeout) and at most 4000."
  }
}

variable "gateway_slots" {
  description = "Gateway tasks, each a single-task ECS service with a stable id gw-N and its own downstream topic."
  type        = number
  default     = 2

  validation {
    condition     = var.gateway_slots >= 1 && var.gateway_slots <= 64
    error_message = "gateway_slots must be between 1 and 64."
  }
}

variable "app_sizes" {
  description = "Fargate size and task counts per app (gateway: per slot; logic/repo: autoscaling range)."
  type = map(object({
    cpu           = number
    memory        = number
    desired_count = number
    min_capacity  = number
    max_capacity  = number
  }))
  default = {
    "gateway-app" = { cpu = 1024, memory = 2048, desired_count = 1, min_capacity = 1, max_capacity = 1 }
    "logic-app"   = { cpu = 1024, memory = 2048, desired_count = 2, min_capacity = 2, max_capacity = 6 }
    "repo-app"    = { cpu = 1024, memory = 2048, desired_count = 2, min_capacity = 2, max_capacity = 6 }
  }

  validation {
    condition     = alltrue([for k in ["gateway-app", "logic-app", "repo-app"] : contains(keys(var.app_sizes), k)])
    error_message = "app_sizes must have entries for gateway-app, logic-app and repo-app."
  }
}

variable "cors_enabled" {
  description = "Let browser clients on other origins call the REST API (IM_CORS_ENABLED)."
  type        = bool
  default     = false
}

variable "kafka_broker_instance_type" {
  description = "MSK broker instance type."
  type        = string
  default     = "kafka.t3.small"

  validation {
    condition     = startswith(var.kafka_broker_instance_type, "kafka.")
    error_message = "kafka_broker_instance_type must be an MSK instance type."
  }
}

variable "kafka_create_topics" {
  description = "Create the topics with the kafka provider (false on the first apply; see README)."
  type        = bool
  default     = true
}

variable "db_instance_class" {
  description = "Aurora MySQL instance class."
  type        = string
  default     = "db.t4g.medium"

  validation {
    condition     = startswith(var.db_instance_class, "db.")
    error_message = "db_instance_class must be an RDS instance class."
  }
}

variable "db_instance_count" {
  description = "Aurora instances (writer + readers)."
  type        = number
  default     = 2

  validation {
    condition     = var.db_instance_count >= 1 && var.db_instance_count <= 16
    error_message = "db_instance_count must be between 1 and 16."
  }
}

variable "db_deletion_protection" {
  description = "Protect the database from deletion (set false before destroying a test environment)."
  type        = bool
  default     = true
}

variable "cache_node_type" {
  description = "ElastiCache node type."
  type        = string
  default     = "cache.t4g.small"

  validation {
    condition     = startswith(var.cache_node_type, "cache.")
    error_message = "cache_node_type must be an ElastiCache node type."
  }
}

variable "ec_region" {
  description = "Elastic Cloud region for Elasticsearch (same AWS region as region)."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^(aws-)?[a-z]{2}-[a-z]+-[0-9]$", var.ec_region))
    error_message = "ec_region must be an Elastic Cloud AWS region."
  }
}

variable "elasticsearch_hot_size" {
  description = "Elasticsearch hot tier memory per zone."
  type        = string
  default     = "2g"

  validation {
    condition     = can(regex("^[0-9]+g$", var.elasticsearch_hot_size))
    error_message = "elasticsearch_hot_size must look like 2g."
  }
}

variable "elasticsearch_operator_cidrs" {
  description = "Extra sources (the machine running terraform) allowed to reach Elasticsearch besides the NAT addresses."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.elasticsearch_operator_cidrs : can(cidrnetmask(c))])
    error_message = "elasticsearch_operator_cidrs must contain IPv4 CIDRs."
  }
}

variable "etcd_external_endpoints" {
  description = "Use an existing etcd cluster instead of the 3 ECS members (e.g. [\"http://10.40.1.10:2379\"])."
  type        = list(string)
  default     = []
}

variable "push_provider_url" {
  description = "Third-party push service endpoint (IM_PUSH_PROVIDER_URL)."
  type        = string

  validation {
    condition     = can(regex("^https://", var.push_provider_url))
    error_message = "push_provider_url must be an https URL."
  }
}

variable "push_api_key" {
  description = "API key of the push service; stored in Secrets Manager, no default."
  type        = string
  sensitive   = true

  validation {
    condition     = length(var.push_api_key) >= 8
    error_message = "push_api_key must be the real key (at least 8 characters)."
  }
}

variable "function_starting_position" {
  description = "Where a function's new consumer group starts: TRIM_HORIZON (earliest) or LATEST."
  type        = string
  default     = "TRIM_HORIZON"

  validation {
    condition     = contains(["TRIM_HORIZON", "LATEST"], var.function_starting_position)
    error_message = "function_starting_position must be TRIM_HORIZON or LATEST."
  }
}

variable "function_architecture" {
  description = "Lambda architecture of the task functions."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.function_architecture)
    error_message = "function_architecture must be x86_64 or arm64."
  }
}

variable "repository_root" {
  description = "Path of the repository root relative to this directory (where task-functions/*/target/*-lambda.jar are)."
  type        = string
  default     = "../../.."
}

variable "secret_recovery_window_days" {
  description = "Recovery window of every secret (0 only for throw-away environments)."
  type        = number
  default     = 7

  validation {
    condition     = var.secret_recovery_window_days == 0 || (var.secret_recovery_window_days >= 7 && var.secret_recovery_window_days <= 30)
    error_message = "secret_recovery_window_days must be 0 or between 7 and 30."
  }
}

variable "tags" {
  description = "Extra tags on every resource."
  type        = map(string)
  default     = {}
}

variable "files_bucket_name" {
  description = "S3 bucket for file and image messages; empty = <name>-files-<account id>."
  type        = string
  default     = ""
}

variable "files_cors_allowed_origins" {
  description = "Origins of browser clients allowed to use the pre-signed upload/download URLs (empty = none)."
  type        = list(string)
  default     = []
}
