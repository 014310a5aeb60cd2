provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

# Elastic Cloud：API key 取自环境变量 EC_API_KEY
provider "ec" {}

# 由 MSK 的输出配置：新环境先 apply -target=module.kafka.aws_msk_cluster.this（见 README），
# 且运行 terraform 的机器要能连到 VPC 里的 broker（VPC 内的 CI 或跳板机）
provider "kafka" {
  bootstrap_servers = split(",", module.kafka.bootstrap_brokers_sasl_scram)
  tls_enabled       = true
  sasl_mechanism    = "scram-sha512"
  sasl_username     = module.kafka.scram_username
  sasl_password     = module.kafka.scram_password
  timeout           = 120
}

# 由 Elastic Cloud 部署的输出配置：新环境先 apply -target=module.search.ec_deployment.this
provider "elasticstack" {
  elasticsearch {
    endpoints = [module.search.https_endpoint]
    username  = module.search.admin_username
    password  = module.search.admin_password
  }
}
