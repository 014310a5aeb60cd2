terraform {
  required_version = ">= 1.9.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
    kafka = {
      source  = "Mongey/kafka"
      version = "~> 0.8.1"
    }
    ec = {
      source  = "elastic/ec"
      version = "~> 0.12.2"
    }
    elasticstack = {
      source  = "elastic/elasticstack"
      version = "~> 0.11.15"
    }
  }

  # 状态默认在本地；生产请复制 backend.tf.example 为 backend.tf（S3 + 加密 + 锁），状态里有生成的口令
}
