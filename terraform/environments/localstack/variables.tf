variable "name" {
  description = "Prefix of every resource."
  type        = string
  default     = "im-local"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,11}$", var.name))
    error_message = "name must be 2-12 characters: lower-case letters, digits and dashes."
  }
}

variable "region" {
  description = "Region LocalStack emulates (AWS_DEFAULT_REGION of the compose service)."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}-[a-z]+-[0-9]$", var.region))
    error_message = "region must look like us-east-1."
  }
}

variable "localstack_endpoint" {
  description = "LocalStack edge endpoint."
  type        = string
  default     = "http://localhost:4566"

  validation {
    condition     = can(regex("^https?://", var.localstack_endpoint))
    error_message = "localstack_endpoint must be an http(s) URL."
  }
}

variable "kafka_bootstrap" {
  description = "Kafka as seen from the Lambda containers LocalStack starts on the compose network (the compose Kafka's DOCKER listener)."
  type        = string
  default     = "kafka:29092"
}

variable "elasticsearch_hosts" {
  description = "Elasticsearch as seen from the Lambda containers."
  type        = string
  default     = "http://elasticsearch:9200"
}

variable "repo_address" {
  description = "repo-app gRPC address as seen from the Lambda containers (repo-app runs on the host via scripts/system.sh)."
  type        = string
  default     = "host.docker.internal:50051"
}

variable "push_provider_url" {
  description = "Push service the push function calls."
  type        = string
  default     = "http://host.docker.internal:9900/v1/notifications"
}

variable "repository_root" {
  description = "Path of the repository root relative to this directory."
  type        = string
  default     = "../../.."
}
