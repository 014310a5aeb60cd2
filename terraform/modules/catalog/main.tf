# 代码与基础设施之间的唯一对照表：函数、应用端口、Topic。
# 这里的每个字面值都由 system-tests 的 TerraformConsistencyTest 与代码（Topics、TaskTypes、application.yml、scripts/infra.sh）比对，
# 改代码忘了改这里（或反之）时 mvn verify 失败。
locals {
  # Lambda 入口：task-dispatcher 的 KafkaEvent 处理器，每个函数 jar 都带着它
  lambda_handler = "com.acme.im.task.lambda.TaskLambdaHandler"

  # 每个任务函数一项；加一个函数只需在这里加一项（环境里的 for_each 都从这里取）。
  # topic = Topics.task(task_type)；consumer_group = 函数的 micronaut.application.name（TaskConsumerFactory 的默认消费组）。
  functions = {
    fanout = {
      module         = "fanout-function"
      task_type      = "fanout"
      topic          = "im-task-fanout"
      consumer_group = "fanout-function"
      handler        = "com.acme.im.task.lambda.TaskLambdaHandler"
      partitions     = 3
      needs_repo     = true
      memory_size    = 1024
      timeout        = 120
      batch_size     = 20
      environment    = {}
    }
    push = {
      module         = "push-function"
      task_type      = "push"
      topic          = "im-task-push"
      consumer_group = "push-function"
      handler        = "com.acme.im.task.lambda.TaskLambdaHandler"
      partitions     = 3
      needs_repo     = true
      memory_size    = 1024
      timeout        = 60
      batch_size     = 50
      environment    = {}
    }
    audit = {
      module         = "audit-function"
      task_type      = "audit"
      topic          = "im-task-audit"
      consumer_group = "audit-function"
      handler        = "com.acme.im.task.lambda.TaskLambdaHandler"
      partitions     = 3
      needs_repo     = true
      memory_size    = 1024
      timeout        = 60
      batch_size     = 200
      environment = {
        IM_AUDIT_POLICY = "flag"
      }
    }
    index = {
      module         = "index-function"
      task_type      = "index"
      topic          = "im-task-index"
      consumer_group = "index-function"
      handler        = "com.acme.im.task.lambda.TaskLambdaHandler"
      partitions     = 3
      needs_repo     = false
      memory_size    = 1024
      timeout        = 60
      batch_size     = 500
      environment    = {}
    }
  }

  # 常驻应用：端口与健康路径取自各自 application.yml 的默认值。
  # management_port 是健康检查与指标所在端口（网关是独立的管理端口 endpoints.all.port，其他应用就是 HTTP 端口）。
  apps = {
    "gateway-app" = {
      http_port       = 8080
      management_port = 9080
      grpc_port       = 0
      health_path     = "/health/readiness"
      liveness_path   = "/health/liveness"
      public          = true
      discovery_name  = "gateway-app"
    }
    "logic-app" = {
      http_port       = 8082
      management_port = 8082
      grpc_port       = 50052
      health_path     = "/health/readiness"
      liveness_path   = "/health/liveness"
      public          = false
      discovery_name  = "logic-app"
    }
    "repo-app" = {
      http_port       = 8081
      management_port = 8081
      grpc_port       = 50051
      health_path     = "/health/readiness"
      liveness_path   = "/health/liveness"
      public          = false
      discovery_name  = "repo-app"
    }
  }

  # 固定 Topic 与分区数（与 scripts/infra.sh、localstack-compose.yml 相同）；任务 Topic 从 functions 派生
  fixed_topics = {
    "im-upstream-topic"      = 6
    "im-task-dead-letter"    = 1
    "im-session-revocations" = 3
  }

  # 网关下行 Topic：前缀 + 网关 ID（Topics.downstream），分区数同 im.gateway.downstream-partitions
  downstream_topic_prefix = "im-downstream-topic-"
  downstream_partitions   = 3

  # 稳定的网关 ID：每个槽位一个，任务替换后 ID 不变，Topic 与消费组不会越积越多
  gateway_ids = [for i in range(var.gateway_slots) : format("gw-%d", i)]

  kafka_topics = merge(
    { for name, partitions in local.fixed_topics : name => partitions },
    { for key, fn in local.functions : fn.topic => fn.partitions },
    { for id in local.gateway_ids : format("%s%s", local.downstream_topic_prefix, id) => local.downstream_partitions },
  )
}
