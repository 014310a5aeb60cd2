variable "name" {
  description = "Cluster name and prefix of every resource."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,40}$", var.name))
    error_message = "name must be 2-41 characters: lower-case letters, digits and dashes."
  }
}

variable "vpc_id" {
  description = "VPC of the cluster."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets for the brokers, one per AZ (2 or 3)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2 && length(var.subnet_ids) <= 3
    error_message = "MSK needs 2 or 3 client subnets in distinct AZs."
  }
}

variable "allowed_security_group_ids" {
  description = "Security groups whose members may connect to the brokers (apps and functions)."
  type        = list(string)
}

variable "kafka_version" {
  description = "MSK Kafka version."
  type        = string
  default     = "3.8.x"

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.([0-9]+|x)(\\.tiered)?$", var.kafka_version))
    error_message = "kafka_version must look like 3.8.x or 3.6.0."
  }
}

variable "broker_count" {
  description = "Number of brokers (a multiple of the number of subnets)."
  type        = number
  default     = 3

  validation {
    condition     = var.broker_count >= 2 && floor(var.broker_count) == var.broker_count
    error_message = "broker_count must be a whole number of at least 2."
  }
}

variable "broker_instance_type" {
  description = "Broker instance type. kafka.t3.small is the cheapest and fits development loads; use kafka.m7g.large or larger in production."
  type        = string
  default     = "kafka.t3.small"

  validation {
    condition     = startswith(var.broker_instance_type, "kafka.")
    error_message = "broker_instance_type must be an MSK instance type (kafka.*)."
  }
}

variable "ebs_volume_size" {
  description = "EBS storage per broker in GiB."
  type        = number
  default     = 100

  validation {
    condition     = var.ebs_volume_size >= 1 && var.ebs_volume_size <= 16384
    error_message = "ebs_volume_size must be between 1 and 16384 GiB."
  }
}

variable "default_replication_factor" {
  description = "Replication factor of every topic (and default.replication.factor of the brokers)."
  type        = number
  default     = 3

  validation {
    condition     = var.default_replication_factor >= 1 && var.default_replication_factor <= var.broker_count
    error_message = "default_replication_factor must be between 1 and broker_count."
  }
}

variable "min_insync_replicas" {
  description = "min.insync.replicas of the brokers and topics. Producers use acks=all, so writes need this many replicas; it must be below the replication factor to survive one broker."
  type        = number
  default     = 2

  validation {
    condition     = var.min_insync_replicas >= 1 && var.min_insync_replicas <= var.default_replication_factor
    error_message = "min_insync_replicas must be between 1 and default_replication_factor."
  }
}

variable "log_retention_hours" {
  description = "How long records are kept (log.retention.hours)."
  type        = number
  default     = 168

  validation {
    condition     = var.log_retention_hours >= 1
    error_message = "log_retention_hours must be at least 1."
  }
}

variable "iam_auth_enabled" {
  description = "Also enable IAM client authentication on the cluster (for operators' tools). The apps use SASL/SCRAM: IAM would need the aws-msk-iam-auth library on their classpath."
  type        = bool
  default     = false
}

variable "scram_username" {
  description = "SASL/SCRAM user of the apps and functions."
  type        = string
  default     = "im-app"

  validation {
    condition     = can(regex("^[a-zA-Z0-9_-]{3,64}$", var.scram_username))
    error_message = "scram_username must be 3-64 characters of letters, digits, _ and -."
  }
}

variable "topics" {
  description = "Topics to create: name => partitions. Replication factor and min.insync.replicas come from the variables above."
  type        = map(number)
  default     = {}

  validation {
    condition     = alltrue([for name, p in var.topics : can(regex("^[a-zA-Z0-9._-]{1,249}$", name)) && p >= 1])
    error_message = "Topic names must be Kafka-legal and partitions at least 1."
  }
}

variable "create_topics" {
  description = "Create the topics with the kafka provider. Needs network access from the machine running terraform to the brokers (see README); set false for the first apply."
  type        = bool
  default     = true
}

variable "secret_recovery_window_days" {
  description = "Recovery window of the Secrets Manager secrets (0 deletes at once, for throw-away environments)."
  type        = number
  default     = 7

  validation {
    condition     = var.secret_recovery_window_days == 0 || (var.secret_recovery_window_days >= 7 && var.secret_recovery_window_days <= 30)
    error_message = "secret_recovery_window_days must be 0 or between 7 and 30."
  }
}

variable "log_retention_days" {
  description = "Retention of the broker log group."
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
