# 从空账号到可用的聊天系统：网络、MSK、Aurora、ElastiCache、Elastic Cloud、etcd、三个常驻应用（ECS）、四个任务函数（Lambda）。
# 应用端口、函数、Topic 只来自 catalog 模块；环境变量名必须是对应 application.yml 里的 ${IM_...} 占位符
# （TerraformConsistencyTest 检查下面 app_* 与 function_* 几个 local 的键）。

module "catalog" {
  source = "../../modules/catalog"

  gateway_slots = var.gateway_slots
}

locals {
  tags = merge(var.tags, { Project = "acme-im", Environment = var.name })

  # Lambda 不跑 etcd 客户端：经 Cloud Map 的 DNS 名连 repo-app（gRPC DNS 解析 + 轮询）
  repo_grpc_address = format("%s.%s:%d", module.catalog.apps["repo-app"].discovery_name, module.network.namespace_name, module.catalog.apps["repo-app"].grpc_port)

  # ---- 常驻应用的环境变量（明文）----
  app_environment = {
    "gateway-app" = {
      IM_PRODUCTION              = "true"
      IM_HTTP_PORT               = tostring(module.catalog.apps["gateway-app"].http_port)
      IM_MANAGEMENT_PORT         = tostring(module.catalog.apps["gateway-app"].management_port)
      IM_MANAGEMENT_HOST         = "0.0.0.0" # 负载均衡要探活；安全组只放行负载均衡与 VPC 内部
      IM_CORS_ENABLED            = tostring(var.cors_enabled)
      IM_KAFKA_BOOTSTRAP         = module.kafka.bootstrap_brokers_sasl_scram
      IM_KAFKA_SECURITY_PROTOCOL = "SASL_SSL"
      IM_KAFKA_SASL_MECHANISM    = "SCRAM-SHA-512"
      IM_DOWNSTREAM_REPLICATION  = tostring(module.kafka.replication_factor)
      IM_REVOCATION_REPLICATION  = tostring(module.kafka.replication_factor)
      IM_ETCD_ENDPOINTS          = module.discovery.endpoints_csv
    }
    "logic-app" = {
      IM_PRODUCTION              = "true"
      IM_HTTP_HOST               = "0.0.0.0" # 只有管理端点；VPC 内的 Prometheus 抓取
      IM_HTTP_PORT               = tostring(module.catalog.apps["logic-app"].http_port)
      IM_GRPC_PORT               = tostring(module.catalog.apps["logic-app"].grpc_port)
      IM_KAFKA_BOOTSTRAP         = module.kafka.bootstrap_brokers_sasl_scram
      IM_KAFKA_SECURITY_PROTOCOL = "SASL_SSL"
      IM_KAFKA_SASL_MECHANISM    = "SCRAM-SHA-512"
      IM_ETCD_ENDPOINTS          = module.discovery.endpoints_csv
      IM_ES_HOSTS                = module.search.https_endpoint
      IM_S3_ENDPOINT             = module.storage.endpoint
      IM_S3_REGION               = module.storage.region
      IM_S3_BUCKET               = module.storage.bucket_name
      IM_S3_PATH_STYLE           = "false"
    }
    "repo-app" = {
      IM_HTTP_HOST      = "0.0.0.0"
      IM_HTTP_PORT      = tostring(module.catalog.apps["repo-app"].http_port)
      IM_GRPC_PORT      = tostring(module.catalog.apps["repo-app"].grpc_port)
      IM_DB_URL         = module.database.jdbc_url
      IM_DB_USER        = module.database.username
      IM_ETCD_ENDPOINTS = module.discovery.endpoints_csv
    }
  }

  # ---- 常驻应用的机密：ECS 在任务启动时从 Secrets Manager 读出注入，任务定义里只有 ARN ----
  app_secrets = {
    "gateway-app" = {
      IM_JWT_SECRET             = aws_secretsmanager_secret.jwt.arn
      IM_KAFKA_SASL_JAAS_CONFIG = "${module.kafka.client_secret_arn}:sasl_jaas_config::"
    }
    "logic-app" = {
      IM_JWT_SECRET             = aws_secretsmanager_secret.jwt.arn
      IM_KAFKA_SASL_JAAS_CONFIG = "${module.kafka.client_secret_arn}:sasl_jaas_config::"
      IM_ES_DEFAULT_HEADERS     = "${module.search.secret_arn}:default_headers::"
    }
    "repo-app" = {
      IM_DB_PASSWORD = "${module.database.secret_arn}:password::"
      # 首个管理员的密码（repo-app 启动时还没有管理员 admin 就用它创建）
      IM_ADMIN_PASSWORD = aws_secretsmanager_secret.admin_password.arn
      IM_REDIS_URI      = "${module.cache.secret_arn}:uri::"
    }
  }

  # ---- 任务函数：所有函数共用的环境变量 ----
  function_environment = {
    IM_KAFKA_BOOTSTRAP         = module.kafka.bootstrap_brokers_sasl_scram
    IM_KAFKA_SECURITY_PROTOCOL = "SASL_SSL"
    IM_KAFKA_SASL_MECHANISM    = "SCRAM-SHA-512"
    IM_DISCOVERY_ENABLED       = "false"                                          # Lambda 包里没有 etcd 客户端
    JAVA_TOOL_OPTIONS          = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1" # 缩短冷启动
  }

  function_secrets = {
    IM_KAFKA_SASL_JAAS_CONFIG = { secret_arn = module.kafka.client_secret_arn, json_key = "sasl_jaas_config" }
  }

  # catalog 中 needs_repo = true 的函数（调用 repo-app 的 gRPC）
  function_repo_environment = {
    IM_REPO_ADDRESS = local.repo_grpc_address
  }

  # 个别函数自己的设置（没有的函数不必写）
  function_extra_environment = {
    index = {
      IM_ES_HOSTS          = module.search.https_endpoint
      IM_ES_INDEX_REPLICAS = "1"
    }
    push = {
      IM_PUSH_PROVIDER_URL = var.push_provider_url
    }
    # 图片消息的缩略图（读原图、写缩略图）；凭据是执行角色的 AWS_* 临时凭据
    audit = {
      IM_S3_ENDPOINT   = module.storage.endpoint
      IM_S3_REGION     = module.storage.region
      IM_S3_BUCKET     = module.storage.bucket_name
      IM_S3_PATH_STYLE = "false"
    }
  }

  function_extra_secrets = {
    index = {
      IM_ES_DEFAULT_HEADERS = { secret_arn = module.search.secret_arn, json_key = "default_headers" }
    }
    push = {
      IM_PUSH_API_KEY = { secret_arn = aws_secretsmanager_secret.push_api_key.arn }
    }
  }
}

# ---------------------------------------------------------------- 网络与集群

module "network" {
  source = "../../modules/network"

  name               = var.name
  vpc_cidr           = var.vpc_cidr
  azs                = var.azs
  single_nat_gateway = var.single_nat_gateway
  alb_ingress_cidrs  = var.alb_ingress_cidrs
  alb_target_ports   = [module.catalog.apps["gateway-app"].http_port, module.catalog.apps["gateway-app"].management_port]
  tags               = local.tags
}

resource "aws_ecs_cluster" "this" {
  name = var.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_ecr_repository" "app" {
  for_each = module.catalog.apps

  name                 = "${var.name}/${each.key}"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}

# ---------------------------------------------------------------- 数据服务

module "kafka" {
  source = "../../modules/kafka"

  name                        = var.name
  vpc_id                      = module.network.vpc_id
  subnet_ids                  = module.network.private_subnet_ids
  allowed_security_group_ids  = [module.network.app_security_group_id]
  broker_count                = length(var.azs) == 2 ? 4 : 3 # MSK：代理数是可用区数的倍数；副本数 3 需要至少 3 个代理
  default_replication_factor  = 3
  min_insync_replicas         = 2
  broker_instance_type        = var.kafka_broker_instance_type
  topics                      = module.catalog.kafka_topics
  create_topics               = var.kafka_create_topics
  secret_recovery_window_days = var.secret_recovery_window_days
  tags                        = local.tags
}

module "database" {
  source = "../../modules/database"

  name                        = var.name
  vpc_id                      = module.network.vpc_id
  subnet_ids                  = module.network.private_subnet_ids
  allowed_security_group_ids  = [module.network.app_security_group_id]
  instance_class              = var.db_instance_class
  instance_count              = var.db_instance_count
  deletion_protection         = var.db_deletion_protection
  skip_final_snapshot         = !var.db_deletion_protection
  secret_recovery_window_days = var.secret_recovery_window_days
  tags                        = local.tags
}

module "cache" {
  source = "../../modules/cache"

  name                        = var.name
  vpc_id                      = module.network.vpc_id
  subnet_ids                  = module.network.private_subnet_ids
  allowed_security_group_ids  = [module.network.app_security_group_id]
  node_type                   = var.cache_node_type
  replica_count               = 1
  secret_recovery_window_days = var.secret_recovery_window_days
  tags                        = local.tags
}

# ---------------------------------------------------------------- 对象存储（文件与图片消息）

data "aws_caller_identity" "current" {}

module "storage" {
  source = "../../modules/storage"

  # 桶名全局唯一：默认带上账号 ID
  bucket_name          = var.files_bucket_name != "" ? var.files_bucket_name : "${var.name}-files-${data.aws_caller_identity.current.account_id}"
  cors_allowed_origins = var.files_cors_allowed_origins
  tags                 = local.tags
}

module "search" {
  source = "../../modules/search"

  name                        = var.name
  ec_region                   = var.ec_region
  hot_size                    = var.elasticsearch_hot_size
  allowed_cidrs               = concat([for ip in module.network.nat_public_ips : "${ip}/32"], var.elasticsearch_operator_cidrs)
  secret_recovery_window_days = var.secret_recovery_window_days
  tags                        = local.tags
}

module "discovery" {
  source = "../../modules/discovery"

  name                       = "${var.name}-etcd"
  external_endpoints         = var.etcd_external_endpoints
  cluster_name               = aws_ecs_cluster.this.name
  vpc_id                     = module.network.vpc_id
  subnet_ids                 = module.network.private_subnet_ids
  allowed_security_group_ids = [module.network.app_security_group_id]
  namespace_id               = module.network.namespace_id
  namespace_name             = module.network.namespace_name
  tags                       = local.tags
}

# ---------------------------------------------------------------- 机密

# JWT 签名密钥：网关验签与 logic 签发用同一个；仓库里的开发默认值在 IM_PRODUCTION=true 时被拒绝
resource "random_password" "jwt" {
  length  = 64
  special = false
}

resource "aws_secretsmanager_secret" "jwt" {
  name                    = "${var.name}/jwt-secret"
  description             = "HS256 secret shared by gateway-app and logic-app (IM_JWT_SECRET)"
  recovery_window_in_days = var.secret_recovery_window_days
}

resource "aws_secretsmanager_secret_version" "jwt" {
  secret_id     = aws_secretsmanager_secret.jwt.id
  secret_string = random_password.jwt.result
}

# 首个管理员的密码：每个环境生成一份，从 Secrets Manager 读（aws secretsmanager get-secret-value --secret-id {name}/admin-password）
resource "random_password" "admin" {
  length  = 32
  special = false
}

resource "aws_secretsmanager_secret" "admin_password" {
  name                    = "${var.name}/admin-password"
  description             = "Password of the first admin account, created by repo-app at start (IM_ADMIN_PASSWORD)"
  recovery_window_in_days = var.secret_recovery_window_days
}

resource "aws_secretsmanager_secret_version" "admin_password" {
  secret_id     = aws_secretsmanager_secret.admin_password.id
  secret_string = random_password.admin.result
}

resource "aws_secretsmanager_secret" "push_api_key" {
  name                    = "${var.name}/push-api-key"
  description             = "API key of the push provider (IM_PUSH_API_KEY)"
  recovery_window_in_days = var.secret_recovery_window_days
}

resource "aws_secretsmanager_secret_version" "push_api_key" {
  secret_id     = aws_secretsmanager_secret.push_api_key.id
  secret_string = var.push_api_key
}

# ---------------------------------------------------------------- 常驻应用（ECS Fargate）

module "service" {
  source   = "../../modules/service"
  for_each = module.catalog.apps

  name         = "${var.name}-${each.key}"
  cluster_name = aws_ecs_cluster.this.name
  image        = "${aws_ecr_repository.app[each.key].repository_url}:${var.image_tag}"
  cpu          = var.app_sizes[each.key].cpu
  memory       = var.app_sizes[each.key].memory

  ports = concat(
    [{ name = "http", port = each.value.http_port }],
    each.value.management_port != each.value.http_port ? [{ name = "management", port = each.value.management_port }] : [],
    each.value.grpc_port > 0 ? [{ name = "grpc", port = each.value.grpc_port }] : [],
  )

  environment = local.app_environment[each.key]
  # logic-app 签文件的预签名 URL：签名者的角色必须能读写这些对象
  task_role_policy_json = each.key == "logic-app" ? module.storage.app_policy_json : null
  secrets               = local.app_secrets[each.key]
  health_check          = { port = each.value.management_port, path = each.value.health_path }

  # 网关：每个槽位一个单任务服务（稳定的 IM_GATEWAY_ID），公网负载均衡；其余：CPU 自动伸缩
  slots         = each.value.public ? module.catalog.gateway_ids : []
  desired_count = var.app_sizes[each.key].desired_count
  autoscaling = each.value.public ? null : {
    min_capacity = var.app_sizes[each.key].min_capacity
    max_capacity = var.app_sizes[each.key].max_capacity
    cpu_target   = 60
  }

  load_balancer = each.value.public ? {
    subnet_ids        = module.network.public_subnet_ids
    security_group_id = module.network.alb_security_group_id
    container_port    = each.value.http_port
    certificate_arn   = var.certificate_arn
    idle_timeout      = var.alb_idle_timeout
  } : null

  discovery = each.value.public ? null : {
    namespace_id = module.network.namespace_id
    name         = each.value.discovery_name
  }

  vpc_id             = module.network.vpc_id
  subnet_ids         = module.network.private_subnet_ids
  security_group_ids = [module.network.app_security_group_id]
  tags               = local.tags
}

# ---------------------------------------------------------------- 任务函数（Lambda + Kafka 事件源映射）

# 加一个函数 = catalog 模块 functions 里加一项；scripts/deploy-function.sh <type> aws 只 apply 其中一项
module "task_function" {
  source   = "../../modules/task-function"
  for_each = module.catalog.functions

  name         = "${var.name}-${each.value.module}"
  handler      = each.value.handler
  architecture = var.function_architecture
  memory_size  = each.value.memory_size
  timeout      = each.value.timeout
  package_path = "${path.root}/${var.repository_root}/task-functions/${each.value.module}/target/${each.value.module}-lambda.jar"

  event_source_arn            = module.kafka.cluster_arn
  topic                       = each.value.topic
  consumer_group_id           = each.value.consumer_group
  batch_size                  = each.value.batch_size
  starting_position           = var.function_starting_position
  kafka_sasl_scram_secret_arn = module.kafka.scram_secret_arn
  kms_key_arns                = [module.kafka.kms_key_arn]
  # audit-function 生成缩略图：读原图、写缩略图
  extra_policy_json = each.key == "audit" ? module.storage.app_policy_json : null

  environment = merge(
    local.function_environment,
    each.value.environment,
    { for k, v in local.function_repo_environment : k => v if each.value.needs_repo },
    try(local.function_extra_environment[each.key], {}),
  )
  secret_environment = merge(local.function_secrets, try(local.function_extra_secrets[each.key], {}))

  subnet_ids         = module.network.private_subnet_ids
  security_group_ids = [module.network.app_security_group_id]
  tags               = local.tags
}
