locals {
  create  = length(var.external_endpoints) == 0
  members = local.create ? [for i in range(var.member_count) : format("%s-%d", var.name, i)] : []

  # 每个成员有稳定的 DNS 名（Cloud Map），替换任务后名字不变，集群成员表因此固定
  initial_cluster = join(",", [for m in local.members : format("%s=http://%s.%s:2380", m, m, var.namespace_name)])
  endpoints       = local.create ? [for m in local.members : format("http://%s.%s:2379", m, var.namespace_name)] : var.external_endpoints
}

data "aws_region" "current" {}

resource "aws_security_group" "etcd" {
  count = local.create ? 1 : 0

  name        = "${var.name}-members"
  description = "etcd members"
  vpc_id      = var.vpc_id

  ingress {
    description     = "etcd clients (apps register and resolve here)"
    from_port       = 2379
    to_port         = 2379
    protocol        = "tcp"
    security_groups = var.allowed_security_group_ids
  }

  ingress {
    description = "etcd peers"
    from_port   = 2379
    to_port     = 2380
    protocol    = "tcp"
    self        = true
  }

  egress {
    description = "Peers, EFS, image registry, logs"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = merge(var.tags, { Name = "${var.name}-members" })
}

resource "aws_security_group" "efs" {
  count = local.create ? 1 : 0

  name        = "${var.name}-efs"
  description = "EFS volumes of the etcd members"
  vpc_id      = var.vpc_id

  ingress {
    description     = "NFS from the etcd members"
    from_port       = 2049
    to_port         = 2049
    protocol        = "tcp"
    security_groups = [aws_security_group.etcd[0].id]
  }

  tags = merge(var.tags, { Name = "${var.name}-efs" })
}

# 持久卷：Fargate 没有 EBS 卷的稳定挂载，用 EFS，每个成员一个访问点（独立目录）
resource "aws_efs_file_system" "this" {
  count = local.create ? 1 : 0

  encrypted        = true
  performance_mode = "generalPurpose"
  throughput_mode  = "elastic"

  tags = merge(var.tags, { Name = "${var.name}-data" })
}

resource "aws_efs_mount_target" "this" {
  count = local.create ? length(var.subnet_ids) : 0

  file_system_id  = aws_efs_file_system.this[0].id
  subnet_id       = var.subnet_ids[count.index]
  security_groups = [aws_security_group.efs[0].id]
}

resource "aws_efs_access_point" "member" {
  for_each = toset(local.members)

  file_system_id = aws_efs_file_system.this[0].id

  posix_user {
    uid = 0
    gid = 0
  }

  root_directory {
    path = "/${each.key}"

    creation_info {
      owner_uid   = 0
      owner_gid   = 0
      permissions = "0700"
    }
  }

  tags = merge(var.tags, { Name = each.key })
}

resource "aws_service_discovery_service" "member" {
  for_each = toset(local.members)

  name = each.key

  dns_config {
    namespace_id   = var.namespace_id
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

resource "aws_cloudwatch_log_group" "this" {
  count = local.create ? 1 : 0

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

resource "aws_iam_role" "execution" {
  count = local.create ? 1 : 0

  name               = "${var.name}-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks.json
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "execution" {
  count = local.create ? 1 : 0

  role       = aws_iam_role.execution[0].name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_role" "task" {
  count = local.create ? 1 : 0

  name               = "${var.name}-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks.json
  tags               = var.tags
}

resource "aws_iam_role_policy" "task_efs" {
  count = local.create ? 1 : 0

  name = "efs"
  role = aws_iam_role.task[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess"]
      Resource = aws_efs_file_system.this[0].arn
    }]
  })
}

resource "aws_ecs_task_definition" "member" {
  for_each = toset(local.members)

  family                   = each.key
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  execution_role_arn       = aws_iam_role.execution[0].arn
  task_role_arn            = aws_iam_role.task[0].arn

  volume {
    name = "data"

    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.this[0].id
      transit_encryption = "ENABLED"

      authorization_config {
        access_point_id = aws_efs_access_point.member[each.key].id
        iam             = "ENABLED"
      }
    }
  }

  container_definitions = jsonencode([{
    name       = "etcd"
    image      = var.image
    essential  = true
    entryPoint = ["/usr/local/bin/etcd"]
    # 数据目录已存在时 initial-cluster* 参数被忽略，成员替换后带着原数据重新加入
    command = [
      "--name", each.key,
      "--data-dir", "/etcd-data",
      "--listen-client-urls", "http://0.0.0.0:2379",
      "--advertise-client-urls", format("http://%s.%s:2379", each.key, var.namespace_name),
      "--listen-peer-urls", "http://0.0.0.0:2380",
      "--initial-advertise-peer-urls", format("http://%s.%s:2380", each.key, var.namespace_name),
      "--initial-cluster", local.initial_cluster,
      "--initial-cluster-state", "new",
      "--initial-cluster-token", var.name,
      "--auto-compaction-retention", "1",
    ]
    portMappings = [
      { containerPort = 2379, protocol = "tcp" },
      { containerPort = 2380, protocol = "tcp" },
    ]
    mountPoints = [{ sourceVolume = "data", containerPath = "/etcd-data", readOnly = false }]
    healthCheck = {
      command     = ["CMD", "/usr/local/bin/etcdctl", "--endpoints=http://127.0.0.1:2379", "endpoint", "health"]
      interval    = 15
      timeout     = 5
      retries     = 3
      startPeriod = 30
    }
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.this[0].name
        awslogs-region        = data.aws_region.current.name
        awslogs-stream-prefix = each.key
      }
    }
  }])

  tags = var.tags
}

# 每个成员一个服务、一个任务：同一数据目录绝不能同时被两个进程使用，所以先停旧任务再起新任务
resource "aws_ecs_service" "member" {
  for_each = toset(local.members)

  name                               = each.key
  cluster                            = var.cluster_name
  task_definition                    = aws_ecs_task_definition.member[each.key].arn
  desired_count                      = 1
  launch_type                        = "FARGATE"
  platform_version                   = "1.4.0"
  deployment_minimum_healthy_percent = 0
  deployment_maximum_percent         = 100
  propagate_tags                     = "SERVICE"

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.etcd[0].id]
    assign_public_ip = false
  }

  service_registries {
    registry_arn = aws_service_discovery_service.member[each.key].arn
  }

  depends_on = [aws_efs_mount_target.this]

  tags = var.tags
}
