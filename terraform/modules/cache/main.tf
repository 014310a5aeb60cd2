resource "aws_elasticache_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
  tags       = var.tags
}

resource "aws_security_group" "this" {
  name        = "${var.name}-redis"
  description = "ElastiCache Redis of ${var.name}"
  vpc_id      = var.vpc_id

  ingress {
    description     = "Redis (TLS) from repo-app"
    from_port       = 6379
    to_port         = 6379
    protocol        = "tcp"
    security_groups = var.allowed_security_group_ids
  }

  tags = merge(var.tags, { Name = "${var.name}-redis" })
}

resource "aws_elasticache_parameter_group" "this" {
  name        = "${var.name}-redis7"
  family      = "redis7"
  description = "Redis settings of ${var.name}"

  parameter {
    name  = "maxmemory-policy"
    value = var.maxmemory_policy
  }

  tags = var.tags
}

resource "random_password" "auth" {
  length  = 48
  special = false # AUTH 令牌不允许 @ " / 等字符，且要放进 URI
}

# 持久化：ElastiCache 的复制组不支持 AOF，改用多可用区副本 + 自动故障转移 + 每日快照；
# 应用本身能承受 Redis 丢数据（在线状态由网关重建，序号从数据库最大值重新播种）
resource "aws_elasticache_replication_group" "this" {
  replication_group_id       = var.name
  description                = "repo-app cache and presence of ${var.name}"
  engine                     = "redis"
  engine_version             = var.engine_version
  node_type                  = var.node_type
  num_cache_clusters         = var.replica_count + 1
  automatic_failover_enabled = var.replica_count > 0
  multi_az_enabled           = var.replica_count > 0
  port                       = 6379
  parameter_group_name       = aws_elasticache_parameter_group.this.name
  subnet_group_name          = aws_elasticache_subnet_group.this.name
  security_group_ids         = [aws_security_group.this.id]
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  auth_token                 = random_password.auth.result
  snapshot_retention_limit   = var.snapshot_retention_days
  snapshot_window            = "02:00-03:00"
  maintenance_window         = "sun:04:00-sun:05:00"
  apply_immediately          = var.apply_immediately

  tags = var.tags
}

# repo-app 只读一个 URI（IM_REDIS_URI）：rediss 表示 TLS，口令在 URI 里，所以整个 URI 是机密
resource "aws_secretsmanager_secret" "this" {
  name                    = "${var.name}/redis"
  description             = "Redis URI (TLS, AUTH token) for repo-app"
  recovery_window_in_days = var.secret_recovery_window_days
  tags                    = var.tags
}

resource "aws_secretsmanager_secret_version" "this" {
  secret_id = aws_secretsmanager_secret.this.id
  secret_string = jsonencode({
    uri = "rediss://${random_password.auth.result}@${aws_elasticache_replication_group.this.primary_endpoint_address}:6379"
  })
}
