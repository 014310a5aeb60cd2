variable "name" {
  description = "Service name (ECS service, task family, log group); with slots each slot service is <name>-<slot>."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,28}$", var.name))
    error_message = "name must be 2-29 characters: lower-case letters, digits and dashes."
  }
}

variable "cluster_name" {
  description = "ECS cluster name."
  type        = string
}

variable "image" {
  description = "Container image (repository:tag or @digest)."
  type        = string

  validation {
    condition     = can(regex("^[^\\s]+(:[A-Za-z0-9._-]+|@sha256:[0-9a-f]{64})$", var.image))
    error_message = "image must carry a tag or a digest."
  }
}

variable "cpu" {
  description = "Fargate CPU units."
  type        = number
  default     = 1024

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.cpu)
    error_message = "cpu must be a Fargate CPU size (256 ... 16384)."
  }
}

variable "memory" {
  description = "Fargate memory in MiB (must fit the CPU size)."
  type        = number
  default     = 2048

  validation {
    condition     = var.memory >= 512 && var.memory <= 122880
    error_message = "memory must be between 512 and 122880 MiB."
  }
}

variable "cpu_architecture" {
  description = "CPU architecture of the tasks (the image must be built for it)."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture must be X86_64 or ARM64."
  }
}

variable "ports" {
  description = "Container ports to expose (HTTP, management, gRPC)."
  type = list(object({
    name = string
    port = number
  }))

  validation {
    condition     = length(var.ports) > 0 && alltrue([for p in var.ports : p.port > 0 && p.port < 65536])
    error_message = "ports must list at least one TCP port."
  }
}

variable "environment" {
  description = "Plain environment variables (IM_* placeholders of the app's application.yml). No secrets here: use secrets."
  type        = map(string)
  default     = {}
}

variable "secrets" {
  description = "Environment variables read from Secrets Manager at task start: name => secret ARN, optionally with a JSON key (arn:...:secret:name-AbCdEf:key::)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.secrets : can(regex("^arn:aws[a-z-]*:secretsmanager:", v))])
    error_message = "secrets values must be Secrets Manager ARNs."
  }
}

variable "health_check" {
  description = "Readiness endpoint (port and path) used by the container health check and the load balancer."
  type = object({
    port = number
    path = string
  })

  validation {
    condition     = var.health_check.port > 0 && var.health_check.port < 65536 && startswith(var.health_check.path, "/")
    error_message = "health_check needs a TCP port and an absolute path."
  }
}

variable "health_check_start_period" {
  description = "Seconds after start during which failed container health checks do not count (JVM start, Flyway, Kafka)."
  type        = number
  default     = 90

  validation {
    condition     = var.health_check_start_period >= 0 && var.health_check_start_period <= 300
    error_message = "health_check_start_period must be between 0 and 300."
  }
}

variable "desired_count" {
  description = "Initial task count of a service without slots (autoscaling moves it between min and max)."
  type        = number
  default     = 2

  validation {
    condition     = var.desired_count >= 0 && floor(var.desired_count) == var.desired_count
    error_message = "desired_count must be a whole number."
  }
}

variable "autoscaling" {
  description = "Target-tracking autoscaling on average CPU; null for none. Not allowed with slots (each slot is exactly one task)."
  type = object({
    min_capacity = number
    max_capacity = number
    cpu_target   = optional(number, 60)
  })
  default = null

  validation {
    condition     = var.autoscaling == null || (try(var.autoscaling.min_capacity >= 1 && var.autoscaling.max_capacity >= var.autoscaling.min_capacity && var.autoscaling.cpu_target > 10 && var.autoscaling.cpu_target < 95, false))
    error_message = "autoscaling needs 1 <= min_capacity <= max_capacity and cpu_target between 10 and 95."
  }

  validation {
    condition     = var.autoscaling == null || length(var.slots) == 0
    error_message = "autoscaling cannot be combined with slots: scale a slotted service by adding slots."
  }
}

variable "slots" {
  description = "Run one single-task service per slot id, passing the id in slot_environment_variable (stable gateway ids: gw-0, gw-1, ...). Empty: one service with desired_count tasks."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.slots : can(regex("^[a-z0-9][a-z0-9-]{0,15}$", s))])
    error_message = "slot ids must be short lower-case names."
  }
}

variable "slot_environment_variable" {
  description = "Environment variable that receives the slot id."
  type        = string
  default     = "IM_GATEWAY_ID"

  validation {
    condition     = can(regex("^[A-Z][A-Z0-9_]*$", var.slot_environment_variable))
    error_message = "slot_environment_variable must be an environment variable name."
  }
}

variable "vpc_id" {
  description = "VPC (for the load balancer target group)."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the tasks."
  type        = list(string)
}

variable "security_group_ids" {
  description = "Security groups of the tasks."
  type        = list(string)
}

variable "load_balancer" {
  description = "Public application load balancer in front of the service (the gateway): WebSocket upgrades pass through HTTP/1.1 listeners; idle_timeout must exceed the clients' heartbeat interval."
  type = object({
    subnet_ids           = list(string)
    security_group_id    = string
    container_port       = number
    certificate_arn      = optional(string)
    idle_timeout         = optional(number, 300)
    deregistration_delay = optional(number, 30)
    deletion_protection  = optional(bool, false)
  })
  default = null

  validation {
    condition     = var.load_balancer == null || try(var.load_balancer.idle_timeout > 60 && var.load_balancer.idle_timeout <= 4000, false)
    error_message = "load_balancer.idle_timeout must be above the 60 s WebSocket heartbeat timeout (im.gateway.idle-timeout) and at most 4000."
  }

  validation {
    condition     = var.load_balancer == null || try(var.load_balancer.deregistration_delay >= 25 && var.load_balancer.deregistration_delay <= 3600, false)
    error_message = "load_balancer.deregistration_delay must cover the gateway's 20 s drain (at least 25 s)."
  }
}

variable "discovery" {
  description = "Register the tasks as A records <name>.<namespace> in Cloud Map (repo-app: the Lambda functions reach it by DNS)."
  type = object({
    namespace_id = string
    name         = string
  })
  default = null
}

variable "stop_timeout" {
  description = "Seconds between SIGTERM and SIGKILL; covers the graceful shutdown (gateway: 20 s drain + 10 s consumer close)."
  type        = number
  default     = 40

  validation {
    condition     = var.stop_timeout >= 2 && var.stop_timeout <= 120
    error_message = "stop_timeout must be between 2 and 120 (Fargate limit)."
  }
}

variable "task_role_policy_json" {
  description = "Optional IAM policy for the task role (what the app itself may call in AWS)."
  type        = string
  default     = null
}

variable "log_retention_days" {
  description = "Retention of the service's log group."
  type        = number
  default     = 30

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
