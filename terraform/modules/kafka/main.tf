locals {
  # 客户端只用 TLS 上的 SASL/SCRAM（9096）；IAM（9098）只在启用时开放
  client_ports = var.iam_auth_enabled ? [9096, 9098] : [9096]

  jaas_config = format(
    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"%s\" password=\"%s\";",
    var.scram_username, random_password.scram.result,
  )
}

resource "aws_security_group" "this" {
  name        = "${var.name}-kafka"
  description = "MSK brokers of ${var.name}"
  vpc_id      = var.vpc_id

  dynamic "ingress" {
    for_each = toset(local.client_ports)
    content {
      description     = "Kafka clients (TLS)"
      from_port       = ingress.value
      to_port         = ingress.value
      protocol        = "tcp"
      security_groups = var.allowed_security_group_ids
    }
  }

  egress {
    description = "Broker replication and AWS APIs"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = merge(var.tags, { Name = "${var.name}-kafka" })
}

# MSK 要求 SCRAM 密钥用客户托管的 KMS 密钥加密，且名字以 AmazonMSK_ 开头
resource "aws_kms_key" "scram" {
  description             = "SASL/SCRAM secrets of ${var.name}"
  deletion_window_in_days = 7
  enable_key_rotation     = true
  tags                    = var.tags
}

resource "random_password" "scram" {
  length  = 32
  special = false # 密码要放进 JAAS 配置的双引号里，避免转义问题
}

resource "aws_secretsmanager_secret" "scram" {
  name                    = "AmazonMSK_${var.name}-${var.scram_username}"
  description             = "SASL/SCRAM user of the apps and functions (associated with the MSK cluster; used by the Lambda event source mappings)"
  kms_key_id              = aws_kms_key.scram.key_id
  recovery_window_in_days = var.secret_recovery_window_days
  tags                    = var.tags
}

resource "aws_secretsmanager_secret_version" "scram" {
  secret_id = aws_secretsmanager_secret.scram.id
  secret_string = jsonencode({
    username = var.scram_username
    password = random_password.scram.result
  })
}

resource "aws_secretsmanager_secret_policy" "scram" {
  secret_arn = aws_secretsmanager_secret.scram.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AWSKafkaResourcePolicy"
      Effect    = "Allow"
      Principal = { Service = "kafka.amazonaws.com" }
      Action    = "secretsmanager:getSecretValue"
      Resource  = aws_secretsmanager_secret.scram.arn
    }]
  })
}

# 应用侧的连接设置（ECS 以 secrets 注入 IM_KAFKA_SASL_JAAS_CONFIG，口令不出现在任务定义里）
resource "aws_secretsmanager_secret" "client" {
  name                    = "${var.name}/kafka-client"
  description             = "Kafka client settings of the apps: security protocol, SASL mechanism and JAAS config"
  recovery_window_in_days = var.secret_recovery_window_days
  tags                    = var.tags
}

resource "aws_secretsmanager_secret_version" "client" {
  secret_id = aws_secretsmanager_secret.client.id
  secret_string = jsonencode({
    security_protocol = "SASL_SSL"
    sasl_mechanism    = "SCRAM-SHA-512"
    sasl_jaas_config  = local.jaas_config
  })
}

resource "aws_msk_configuration" "this" {
  name           = var.name
  kafka_versions = [var.kafka_version]
  description    = "Broker settings of ${var.name}"

  # 不自动建 Topic：所有 Topic 由下面的 kafka_topic 或网关按配置的副本数创建，避免出现 1 副本的 Topic
  server_properties = <<-EOT
    auto.create.topics.enable=false
    default.replication.factor=${var.default_replication_factor}
    min.insync.replicas=${var.min_insync_replicas}
    num.partitions=3
    unclean.leader.election.enable=false
    delete.topic.enable=true
    log.retention.hours=${var.log_retention_hours}
  EOT
}

resource "aws_cloudwatch_log_group" "broker" {
  name              = "/aws/msk/${var.name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

resource "aws_msk_cluster" "this" {
  cluster_name           = var.name
  kafka_version          = var.kafka_version
  number_of_broker_nodes = var.broker_count

  broker_node_group_info {
    instance_type   = var.broker_instance_type
    client_subnets  = var.subnet_ids
    security_groups = [aws_security_group.this.id]

    storage_info {
      ebs_storage_info {
        volume_size = var.ebs_volume_size
      }
    }
  }

  client_authentication {
    unauthenticated = false

    sasl {
      scram = true
      iam   = var.iam_auth_enabled
    }
  }

  encryption_info {
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.this.arn
    revision = aws_msk_configuration.this.latest_revision
  }

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.broker.name
      }
    }
  }

  tags = var.tags
}

resource "aws_msk_scram_secret_association" "this" {
  cluster_arn     = aws_msk_cluster.this.arn
  secret_arn_list = [aws_secretsmanager_secret.scram.arn]

  depends_on = [aws_secretsmanager_secret_version.scram, aws_secretsmanager_secret_policy.scram]
}

# 代码用到的每个 Topic（名字与分区数来自 catalog 模块，由 TerraformConsistencyTest 与代码比对）
resource "kafka_topic" "this" {
  for_each = var.create_topics ? var.topics : {}

  name               = each.key
  partitions         = each.value
  replication_factor = var.default_replication_factor

  config = {
    "min.insync.replicas" = tostring(var.min_insync_replicas)
    "retention.ms"        = tostring(var.log_retention_hours * 3600000)
  }

  depends_on = [aws_msk_scram_secret_association.this]
}
