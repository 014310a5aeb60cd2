terraform {
  required_version = ">= 1.9.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.70, < 6.0"
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.6, < 4.0"
    }
    # Topic 由 Kafka 协议直接创建：运行 terraform 的机器必须能连到 broker（见 README）
    kafka = {
      source  = "Mongey/kafka"
      version = ">= 0.8.1, < 0.9"
    }
  }
}
