terraform {
  required_version = ">= 1.9.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.70, < 6.0"
    }
    # Elastic Cloud 托管的 Elasticsearch：Java 客户端 8.x 拒绝 Amazon OpenSearch（产品头检查），所以不用 AWS 的服务
    ec = {
      source  = "elastic/ec"
      version = ">= 0.12.2, < 0.13"
    }
    # 在部署里建只限消息索引的 API key
    elasticstack = {
      source  = "elastic/elasticstack"
      version = ">= 0.11.15, < 0.12"
    }
  }
}
