# 在 LocalStack 上运行 LocalStack 社区版能运行的部分：Lambda（四个任务函数，同一个 catalog）、S3（函数包）、
# SQS（失败目的地）、IAM（函数角色）、Secrets Manager（推送 API key）、CloudWatch Logs。
# 做不到的部分见 README：MSK 与 Kafka 事件源映射、ECS/ALB、Aurora、ElastiCache、Cloud Map、Elastic Cloud。

module "catalog" {
  source = "../../modules/catalog"

  gateway_slots = 1
}

locals {
  # 所有函数共用（Lambda 容器在 compose 网络里，直接连 compose 的 Kafka）
  function_environment = {
    IM_KAFKA_BOOTSTRAP         = var.kafka_bootstrap
    IM_KAFKA_SECURITY_PROTOCOL = "PLAINTEXT"
    IM_DISCOVERY_ENABLED       = "false"
    JAVA_TOOL_OPTIONS          = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
  }

  function_secrets = {}

  function_repo_environment = {
    IM_REPO_ADDRESS = var.repo_address
  }

  function_extra_environment = {
    index = {
      IM_ES_HOSTS = var.elasticsearch_hosts
    }
    push = {
      IM_PUSH_PROVIDER_URL = var.push_provider_url
    }
  }

  function_extra_secrets = {
    push = {
      IM_PUSH_API_KEY = { secret_arn = aws_secretsmanager_secret.push_api_key.arn }
    }
  }
}

resource "aws_s3_bucket" "artifacts" {
  bucket        = "${var.name}-artifacts"
  force_destroy = true
}

# 本地也不用仓库里的默认值：随机生成，放进 Secrets Manager
resource "random_password" "push_api_key" {
  length  = 32
  special = false
}

resource "aws_secretsmanager_secret" "push_api_key" {
  name                    = "${var.name}/push-api-key"
  recovery_window_in_days = 0
}

resource "aws_secretsmanager_secret_version" "push_api_key" {
  secret_id     = aws_secretsmanager_secret.push_api_key.id
  secret_string = random_password.push_api_key.result
}

module "task_function" {
  source   = "../../modules/task-function"
  for_each = module.catalog.functions

  name              = "${var.name}-${each.value.module}"
  handler           = each.value.handler
  memory_size       = each.value.memory_size
  timeout           = each.value.timeout
  package_path      = "${path.root}/${var.repository_root}/task-functions/${each.value.module}/target/${each.value.module}-lambda.jar"
  package_s3_bucket = aws_s3_bucket.artifacts.id

  # LocalStack 社区版没有 Kafka 事件源映射：函数用 awslocal lambda invoke 送 KafkaEvent 调用（见 README）
  create_event_source_mapping    = false
  self_managed_bootstrap_servers = var.kafka_bootstrap
  topic                          = each.value.topic
  consumer_group_id              = each.value.consumer_group
  batch_size                     = each.value.batch_size

  environment = merge(
    local.function_environment,
    each.value.environment,
    { for k, v in local.function_repo_environment : k => v if each.value.needs_repo },
    try(local.function_extra_environment[each.key], {}),
  )
  secret_environment = merge(local.function_secrets, try(local.function_extra_secrets[each.key], {}))

  log_retention_days = 1
}
