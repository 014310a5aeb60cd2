data "ec_stack" "this" {
  version_regex = var.stack_version_regex
  region        = var.ec_region
}

resource "ec_deployment_traffic_filter" "this" {
  count = length(var.allowed_cidrs) > 0 ? 1 : 0

  name        = "${var.name}-sources"
  region      = var.ec_region
  type        = "ip"
  description = "NAT addresses of ${var.name} and the terraform runner"

  dynamic "rule" {
    for_each = toset(var.allowed_cidrs)
    content {
      source = rule.value
    }
  }
}

resource "ec_deployment" "this" {
  name                   = var.name
  region                 = var.ec_region
  version                = data.ec_stack.this.version
  deployment_template_id = var.deployment_template_id
  traffic_filter         = ec_deployment_traffic_filter.this[*].id

  elasticsearch = {
    hot = {
      size        = var.hot_size
      zone_count  = var.zone_count
      autoscaling = {}
    }
  }

  kibana = {}

  tags = var.tags
}

# 只能读写消息索引的 API key（集群只给 monitor，供健康检查读集群健康）
resource "elasticstack_elasticsearch_security_api_key" "app" {
  name = "${var.name}-apps"

  role_descriptors = jsonencode({
    im_messages = {
      cluster = ["monitor"]
      indices = [{
        names      = ["${var.index_name}*"]
        privileges = ["create_index", "view_index_metadata", "read", "write", "manage"]
      }]
    }
  })
}

locals {
  # micronaut-elasticsearch 的 httpHosts 要带端口；default-headers 是 "名:值" 列表，逗号分隔
  https_endpoint  = format("%s:443", trimsuffix(ec_deployment.this.elasticsearch.https_endpoint, ":443"))
  default_headers = "Authorization:ApiKey ${elasticstack_elasticsearch_security_api_key.app.encoded}"
}

resource "aws_secretsmanager_secret" "this" {
  name                    = "${var.name}/elasticsearch"
  description             = "Elastic Cloud endpoint and API key header for logic-app and index-function"
  recovery_window_in_days = var.secret_recovery_window_days
  tags                    = var.tags
}

resource "aws_secretsmanager_secret_version" "this" {
  secret_id = aws_secretsmanager_secret.this.id
  secret_string = jsonencode({
    hosts           = local.https_endpoint
    default_headers = local.default_headers
  })
}
