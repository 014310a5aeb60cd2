locals {
  self_managed = var.event_source_arn == null && var.self_managed_bootstrap_servers != null
  use_s3       = var.package_s3_bucket != null
  package_hash = filebase64sha256(var.package_path)

  failure_destination_arn = coalesce(var.on_failure_destination_arn, one(aws_sqs_queue.failure[*].arn))

  # Lambda 没有像 ECS 那样的 secrets 注入：部署时从 Secrets Manager 读出放进（KMS 加密的）环境变量
  secret_values = {
    for k, s in var.secret_environment :
    k => s.json_key == null ? data.aws_secretsmanager_secret_version.env[k].secret_string : jsondecode(data.aws_secretsmanager_secret_version.env[k].secret_string)[s.json_key]
  }
}

data "aws_secretsmanager_secret_version" "env" {
  for_each = var.secret_environment

  secret_id = each.value.secret_arn
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = "${var.name}-lambda"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "logs" {
  role       = aws_iam_role.this.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_iam_role_policy_attachment" "vpc" {
  count = length(var.subnet_ids) > 0 ? 1 : 0

  role       = aws_iam_role.this.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

# 事件源映射以函数角色读 MSK 集群元数据、在 VPC 里建网卡
resource "aws_iam_role_policy_attachment" "msk" {
  count = var.event_source_arn == null ? 0 : 1

  role       = aws_iam_role.this.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole"
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "FailureDestination"
    actions   = ["sqs:SendMessage", "sns:Publish"]
    resources = [local.failure_destination_arn]
  }

  dynamic "statement" {
    for_each = var.kafka_sasl_scram_secret_arn == null ? [] : [1]
    content {
      sid       = "KafkaCredentials"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [var.kafka_sasl_scram_secret_arn]
    }
  }

  dynamic "statement" {
    for_each = length(var.kms_key_arns) == 0 ? [] : [1]
    content {
      sid       = "DecryptSecrets"
      actions   = ["kms:Decrypt"]
      resources = var.kms_key_arns
    }
  }
}

resource "aws_iam_role_policy" "this" {
  name   = "task-function"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}

# 个别函数额外需要的权限（audit-function 读原图、写缩略图）
resource "aws_iam_role_policy" "extra" {
  count  = var.extra_policy_json == null ? 0 : 1
  name   = "task-function-extra"
  role   = aws_iam_role.this.id
  policy = var.extra_policy_json
}

# 反复失败（死信也写不进去、分发器抛出异常）的批次记录到这里，运维据此重放
resource "aws_sqs_queue" "failure" {
  count = var.on_failure_destination_arn == null ? 1 : 0

  name                      = "${var.name}-failures"
  message_retention_seconds = var.failure_queue_retention_seconds
  sqs_managed_sse_enabled   = true
  tags                      = var.tags
}

resource "aws_s3_object" "package" {
  count = local.use_s3 ? 1 : 0

  bucket      = var.package_s3_bucket
  key         = "${var.name}/${sha256(local.package_hash)}.jar"
  source      = var.package_path
  source_hash = local.package_hash
  tags        = var.tags
}

resource "aws_lambda_function" "this" {
  function_name                  = var.name
  description                    = "Kafka-triggered task function: ${var.topic} (group ${var.consumer_group_id})"
  role                           = aws_iam_role.this.arn
  handler                        = var.handler
  runtime                        = var.runtime
  architectures                  = [var.architecture]
  memory_size                    = var.memory_size
  timeout                        = var.timeout
  reserved_concurrent_executions = var.reserved_concurrency

  filename         = local.use_s3 ? null : var.package_path
  s3_bucket        = local.use_s3 ? var.package_s3_bucket : null
  s3_key           = local.use_s3 ? aws_s3_object.package[0].key : null
  source_code_hash = local.package_hash

  environment {
    variables = merge(var.environment, local.secret_values)
  }

  dynamic "vpc_config" {
    for_each = length(var.subnet_ids) > 0 ? [1] : []
    content {
      subnet_ids         = var.subnet_ids
      security_group_ids = var.security_group_ids
    }
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.this.name
  }

  tags = var.tags

  depends_on = [
    aws_iam_role_policy_attachment.logs,
    aws_iam_role_policy_attachment.vpc,
    aws_cloudwatch_log_group.this,
  ]
}

# 一个函数一个映射：只订阅它自己的任务 Topic，消费组与常驻形态相同（二者只部署其一）
resource "aws_lambda_event_source_mapping" "this" {
  count = var.create_event_source_mapping ? 1 : 0

  function_name                      = aws_lambda_function.this.arn
  event_source_arn                   = var.event_source_arn
  topics                             = [var.topic]
  starting_position                  = var.starting_position
  batch_size                         = var.batch_size
  maximum_batching_window_in_seconds = var.maximum_batching_window_in_seconds

  dynamic "amazon_managed_kafka_event_source_config" {
    for_each = var.event_source_arn == null ? [] : [1]
    content {
      consumer_group_id = var.consumer_group_id
    }
  }

  dynamic "self_managed_event_source" {
    for_each = local.self_managed ? [1] : []
    content {
      endpoints = {
        KAFKA_BOOTSTRAP_SERVERS = var.self_managed_bootstrap_servers
      }
    }
  }

  dynamic "self_managed_kafka_event_source_config" {
    for_each = local.self_managed ? [1] : []
    content {
      consumer_group_id = var.consumer_group_id
    }
  }

  dynamic "source_access_configuration" {
    for_each = var.kafka_sasl_scram_secret_arn == null ? [] : [1]
    content {
      type = "SASL_SCRAM_512_AUTH"
      uri  = var.kafka_sasl_scram_secret_arn
    }
  }

  # 自管 Kafka 在 VPC 里时，映射要知道从哪些子网与安全组去连
  dynamic "source_access_configuration" {
    for_each = local.self_managed ? toset(var.subnet_ids) : toset([])
    content {
      type = "VPC_SUBNET"
      uri  = "subnet:${source_access_configuration.value}"
    }
  }

  dynamic "source_access_configuration" {
    for_each = local.self_managed ? toset(var.security_group_ids) : toset([])
    content {
      type = "VPC_SECURITY_GROUP"
      uri  = "security_group:${source_access_configuration.value}"
    }
  }

  destination_config {
    on_failure {
      destination_arn = local.failure_destination_arn
    }
  }

  depends_on = [aws_iam_role_policy.this, aws_iam_role_policy_attachment.msk]
}
