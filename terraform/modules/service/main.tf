locals {
  container_name = "app"

  # 无槽位：一个服务；有槽位：每个槽位一个单任务服务，槽位 ID 作为环境变量（网关 ID 因此稳定，Topic 不会随任务替换而增加）
  instances = length(var.slots) > 0 ? { for s in var.slots : format("%s-%s", var.name, s) => s } : zipmap([var.name], [""])

  # 槽位服务多一个环境变量（compact 去掉无槽位时的空串）
  slot_environment = { for name, slot in local.instances : name => { for s in compact([slot]) : var.slot_environment_variable => s } }

  # Secrets Manager ARN 去掉 ":json-key::" 后缀，得到执行角色要读的密钥本身
  secret_arns = distinct([for v in values(var.secrets) : regex("^(arn:aws[a-z-]*:secretsmanager:[^:]+:[0-9]+:secret:[^:]+)", v)[0]])

  # 镜像里的 /opt/im/bin/im-healthcheck 只访问本机端口，所以管理端口可以继续只监听 127.0.0.1
  health_command = format("/opt/im/bin/im-healthcheck %d %s", var.health_check.port, var.health_check.path)
}

data "aws_region" "current" {}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/ecs/${var.name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

data "aws_iam_policy_document" "ecs_tasks" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

# 执行角色：拉镜像、写日志、在任务启动时读出 secrets 注入环境变量
resource "aws_iam_role" "execution" {
  name               = "${var.name}-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks.json
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_role_policy" "execution_secrets" {
  count = length(local.secret_arns) > 0 ? 1 : 0

  name = "read-secrets"
  role = aws_iam_role.execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["secretsmanager:GetSecretValue"]
      Resource = local.secret_arns
    }]
  })
}

# 任务角色：应用自己调用 AWS 时用（默认什么都不能调用）
resource "aws_iam_role" "task" {
  name               = "${var.name}-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks.json
  tags               = var.tags
}

resource "aws_iam_role_policy" "task" {
  count = var.task_role_policy_json == null ? 0 : 1

  name   = "app"
  role   = aws_iam_role.task.id
  policy = var.task_role_policy_json
}

resource "aws_ecs_task_definition" "this" {
  for_each = local.instances

  family                   = each.key
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  container_definitions = jsonencode([{
    name      = local.container_name
    image     = var.image
    essential = true
    portMappings = [for p in var.ports : {
      name          = p.name
      containerPort = p.port
      protocol      = "tcp"
    }]
    environment = [for k, v in merge(var.environment, local.slot_environment[each.key]) : {
      name  = k
      value = v
    }]
    secrets = [for k, v in var.secrets : {
      name      = k
      valueFrom = v
    }]
    healthCheck = {
      command     = ["CMD-SHELL", local.health_command]
      interval    = 15
      timeout     = 5
      retries     = 3
      startPeriod = var.health_check_start_period
    }
    stopTimeout = var.stop_timeout
    ulimits = [{
      name      = "nofile"
      softLimit = 65535
      hardLimit = 65535
    }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.this.name
        awslogs-region        = data.aws_region.current.name
        awslogs-stream-prefix = each.key
      }
    }
  }])

  tags = var.tags
}

# ---- 负载均衡（仅网关）----

resource "aws_lb" "this" {
  count = var.load_balancer == null ? 0 : 1

  name                       = substr(var.name, 0, 32)
  load_balancer_type         = "application"
  internal                   = false
  subnets                    = var.load_balancer.subnet_ids
  security_groups            = [var.load_balancer.security_group_id]
  idle_timeout               = var.load_balancer.idle_timeout # 大于 WebSocket 心跳超时，空闲连接由网关（4000）而不是负载均衡关闭
  drop_invalid_header_fields = true
  enable_deletion_protection = var.load_balancer.deletion_protection

  tags = var.tags
}

resource "aws_lb_target_group" "this" {
  count = var.load_balancer == null ? 0 : 1

  name                 = substr(var.name, 0, 32)
  port                 = var.load_balancer.container_port
  protocol             = "HTTP"
  protocol_version     = "HTTP1" # WebSocket 升级需要 HTTP/1.1 到目标
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = var.load_balancer.deregistration_delay

  health_check {
    enabled             = true
    protocol            = "HTTP"
    port                = tostring(var.health_check.port) # 管理端口，与流量端口分开
    path                = var.health_check.path
    matcher             = "200"
    interval            = 10
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 2
  }

  tags = var.tags
}

resource "aws_lb_listener" "http" {
  count = var.load_balancer == null ? 0 : 1

  load_balancer_arn = aws_lb.this[0].arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = var.load_balancer.certificate_arn == null ? "forward" : "redirect"
    target_group_arn = var.load_balancer.certificate_arn == null ? aws_lb_target_group.this[0].arn : null

    dynamic "redirect" {
      for_each = var.load_balancer.certificate_arn == null ? [] : [1]
      content {
        port        = "443"
        protocol    = "HTTPS"
        status_code = "HTTP_301"
      }
    }
  }

  tags = var.tags
}

resource "aws_lb_listener" "https" {
  count = try(var.load_balancer.certificate_arn, null) == null ? 0 : 1

  load_balancer_arn = aws_lb.this[0].arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.load_balancer.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this[0].arn
  }

  tags = var.tags
}

# ---- Cloud Map（repo-app：Lambda 经 DNS 访问）----

resource "aws_service_discovery_service" "this" {
  count = var.discovery == null ? 0 : 1

  name = var.discovery.name

  dns_config {
    namespace_id   = var.discovery.namespace_id
    routing_policy = "MULTIVALUE"

    dns_records {
      ttl  = 10
      type = "A"
    }
  }

  health_check_custom_config {
    failure_threshold = 1
  }

  tags = var.tags
}

resource "aws_ecs_service" "this" {
  for_each = local.instances

  name                               = each.key
  cluster                            = var.cluster_name
  task_definition                    = aws_ecs_task_definition.this[each.key].arn
  desired_count                      = each.value == "" ? var.desired_count : 1
  launch_type                        = "FARGATE"
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  health_check_grace_period_seconds  = var.load_balancer == null ? null : var.health_check_start_period
  propagate_tags                     = "SERVICE"
  enable_execute_command             = false

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = var.security_group_ids
    assign_public_ip = false
  }

  dynamic "load_balancer" {
    for_each = var.load_balancer == null ? [] : [1]
    content {
      target_group_arn = aws_lb_target_group.this[0].arn
      container_name   = local.container_name
      container_port   = var.load_balancer.container_port
    }
  }

  dynamic "service_registries" {
    for_each = var.discovery == null ? [] : [1]
    content {
      registry_arn = aws_service_discovery_service.this[0].arn
    }
  }

  # 自动伸缩会改 desired_count，不让下一次 apply 改回去
  lifecycle {
    ignore_changes = [desired_count]
  }

  depends_on = [aws_lb_listener.http, aws_lb_listener.https]

  tags = var.tags
}

# ---- 自动伸缩（无槽位的服务：logic-app、repo-app）----

resource "aws_appautoscaling_target" "this" {
  count = var.autoscaling == null ? 0 : 1

  service_namespace  = "ecs"
  resource_id        = "service/${var.cluster_name}/${aws_ecs_service.this[var.name].name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = var.autoscaling.min_capacity
  max_capacity       = var.autoscaling.max_capacity
}

resource "aws_appautoscaling_policy" "cpu" {
  count = var.autoscaling == null ? 0 : 1

  name               = "${var.name}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[0].service_namespace
  resource_id        = aws_appautoscaling_target.this[0].resource_id
  scalable_dimension = aws_appautoscaling_target.this[0].scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = var.autoscaling.cpu_target
    scale_in_cooldown  = 300
    scale_out_cooldown = 60

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}
