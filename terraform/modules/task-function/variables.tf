variable "name" {
  description = "Lambda function name (also names its role, log group and failure queue)."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9_-]{1,55}$", var.name))
    error_message = "name must be 1-55 characters of letters, digits, - and _ (the role and queue names add suffixes)."
  }
}

variable "handler" {
  description = "Handler class (the task-dispatcher's KafkaEvent handler)."
  type        = string
  default     = "com.acme.im.task.lambda.TaskLambdaHandler"

  validation {
    condition     = can(regex("^([a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(::[a-zA-Z_][A-Za-z0-9_]*)?$", var.handler))
    error_message = "handler must be a fully qualified Java class name, optionally with ::method."
  }
}

variable "runtime" {
  description = "Lambda Java runtime (the code is compiled for Java 17)."
  type        = string
  default     = "java17"

  validation {
    condition     = contains(["java17", "java21"], var.runtime)
    error_message = "runtime must be java17 or java21."
  }
}

variable "architecture" {
  description = "Instruction set of the function (the jar keeps native compression libraries for both)."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }
}

variable "memory_size" {
  description = "Memory in MB (CPU grows with it; 1024 keeps JVM start-up near a few seconds)."
  type        = number
  default     = 1024

  validation {
    condition     = var.memory_size >= 256 && var.memory_size <= 10240
    error_message = "memory_size must be between 256 and 10240 MB."
  }
}

variable "timeout" {
  description = "Seconds one batch may take (retries inside the dispatcher included)."
  type        = number
  default     = 120

  validation {
    condition     = var.timeout >= 10 && var.timeout <= 900
    error_message = "timeout must be between 10 and 900 seconds."
  }
}

variable "reserved_concurrency" {
  description = "Reserved concurrent executions (-1: unreserved). A Kafka mapping runs at most one batch per partition at a time anyway."
  type        = number
  default     = -1

  validation {
    condition     = var.reserved_concurrency >= -1
    error_message = "reserved_concurrency must be -1 or more."
  }
}

variable "package_path" {
  description = "Path of the Lambda jar (task-functions/<module>/target/<module>-lambda.jar, built with -Plambda)."
  type        = string

  validation {
    condition     = can(regex("\\.(jar|zip)$", var.package_path))
    error_message = "package_path must point at a .jar or .zip."
  }
}

variable "package_s3_bucket" {
  description = "Upload the package to this bucket and deploy from S3 (packages up to 250 MB unzipped); null uploads it directly (up to 50 MB)."
  type        = string
  default     = null
}

variable "environment" {
  description = "Plain environment variables (IM_* placeholders of the function's application.yml)."
  type        = map(string)
  default     = {}
}

variable "secret_environment" {
  description = "Environment variables whose values are read from Secrets Manager at apply time (Lambda has no secret injection): name => { secret_arn, json_key }."
  type = map(object({
    secret_arn = string
    json_key   = optional(string)
  }))
  default = {}
}

variable "subnet_ids" {
  description = "Private subnets (the function reaches MSK, repo-app and Elasticsearch from the VPC); empty runs outside a VPC."
  type        = list(string)
  default     = []
}

variable "security_group_ids" {
  description = "Security groups of the function's network interfaces."
  type        = list(string)
  default     = []
}

variable "create_event_source_mapping" {
  description = "Create the Kafka event source mapping (false where the platform has none, e.g. LocalStack community)."
  type        = bool
  default     = true
}

variable "event_source_arn" {
  description = "MSK cluster ARN; null with self_managed_bootstrap_servers."
  type        = string
  default     = null
}

variable "self_managed_bootstrap_servers" {
  description = "Bootstrap servers of a self-managed Kafka (instead of event_source_arn)."
  type        = string
  default     = null
}

variable "topic" {
  description = "The function's task topic (Topics.task(type), e.g. im-task-audit)."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9._-]{1,249}$", var.topic))
    error_message = "topic must be a Kafka topic name."
  }
}

variable "consumer_group_id" {
  description = "Consumer group of the mapping: the function's micronaut.application.name, the same group as its long-lived form."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9._-]{1,200}$", var.consumer_group_id))
    error_message = "consumer_group_id must be a Kafka group id."
  }
}

variable "batch_size" {
  description = "Maximum records per invocation."
  type        = number
  default     = 100

  validation {
    condition     = var.batch_size >= 1 && var.batch_size <= 10000
    error_message = "batch_size must be between 1 and 10000."
  }
}

variable "maximum_batching_window_in_seconds" {
  description = "How long the mapping gathers records before invoking."
  type        = number
  default     = 1

  validation {
    condition     = var.maximum_batching_window_in_seconds >= 0 && var.maximum_batching_window_in_seconds <= 300
    error_message = "maximum_batching_window_in_seconds must be between 0 and 300."
  }
}

variable "starting_position" {
  description = "Where a new consumer group starts: TRIM_HORIZON (earliest; like the long-lived consumer, no task published before the deploy is lost) or LATEST."
  type        = string
  default     = "TRIM_HORIZON"

  validation {
    condition     = contains(["TRIM_HORIZON", "LATEST"], var.starting_position)
    error_message = "starting_position must be TRIM_HORIZON or LATEST."
  }
}

variable "kafka_sasl_scram_secret_arn" {
  description = "Secret (username/password JSON) the mapping authenticates with (SASL/SCRAM-SHA-512); null for an unauthenticated broker."
  type        = string
  default     = null
}

variable "kms_key_arns" {
  description = "KMS keys the role may decrypt with (the key of the SCRAM secret)."
  type        = list(string)
  default     = []
}

variable "extra_policy_json" {
  description = "Optional additional IAM policy for the function's role (e.g. the storage bucket for audit-function's thumbnails)."
  type        = string
  default     = null
}

variable "on_failure_destination_arn" {
  description = "SQS queue or SNS topic for batches that keep failing; null creates an SQS queue <name>-failures."
  type        = string
  default     = null
}

variable "failure_queue_retention_seconds" {
  description = "Retention of the created failure queue."
  type        = number
  default     = 1209600

  validation {
    condition     = var.failure_queue_retention_seconds >= 60 && var.failure_queue_retention_seconds <= 1209600
    error_message = "failure_queue_retention_seconds must be between 60 and 1209600."
  }
}

variable "log_retention_days" {
  description = "Retention of the function's log group."
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
