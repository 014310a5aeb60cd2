resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
  tags       = var.tags
}

resource "aws_security_group" "this" {
  name        = "${var.name}-db"
  description = "Aurora MySQL of ${var.name}"
  vpc_id      = var.vpc_id

  ingress {
    description     = "MySQL from repo-app"
    from_port       = 3306
    to_port         = 3306
    protocol        = "tcp"
    security_groups = var.allowed_security_group_ids
  }

  tags = merge(var.tags, { Name = "${var.name}-db" })
}

# 与本地 MariaDB 相同的字符集；隔离级别由 repo-app 的连接池设为 READ COMMITTED
resource "aws_rds_cluster_parameter_group" "this" {
  name        = "${var.name}-mysql8"
  family      = "aurora-mysql8.0"
  description = "utf8mb4 for ${var.name}"

  parameter {
    name  = "character_set_server"
    value = "utf8mb4"
  }

  parameter {
    name  = "collation_server"
    value = "utf8mb4_unicode_ci"
  }

  tags = var.tags
}

# 口令由 Terraform 生成并放进 Secrets Manager（不用 RDS 托管口令：它每 7 天自动轮换，
# 而 repo-app 只在启动时读一次 IM_DB_PASSWORD，轮换后新连接会失败）
resource "random_password" "db" {
  length  = 32
  special = false
}

resource "aws_rds_cluster" "this" {
  cluster_identifier              = var.name
  engine                          = "aurora-mysql"
  engine_version                  = var.engine_version
  database_name                   = var.database_name
  master_username                 = var.username
  master_password                 = random_password.db.result
  db_subnet_group_name            = aws_db_subnet_group.this.name
  vpc_security_group_ids          = [aws_security_group.this.id]
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this.name
  storage_encrypted               = true
  backup_retention_period         = var.backup_retention_days
  preferred_backup_window         = "03:00-04:00"
  copy_tags_to_snapshot           = true
  deletion_protection             = var.deletion_protection
  skip_final_snapshot             = var.skip_final_snapshot
  final_snapshot_identifier       = "${var.name}-final"
  enabled_cloudwatch_logs_exports = ["error", "slowquery"]
  apply_immediately               = var.apply_immediately

  tags = var.tags
}

resource "aws_rds_cluster_instance" "this" {
  count = var.instance_count

  identifier           = "${var.name}-${count.index}"
  cluster_identifier   = aws_rds_cluster.this.id
  instance_class       = var.instance_class
  engine               = aws_rds_cluster.this.engine
  engine_version       = aws_rds_cluster.this.engine_version
  db_subnet_group_name = aws_db_subnet_group.this.name
  publicly_accessible  = false
  apply_immediately    = var.apply_immediately

  tags = var.tags
}

resource "aws_secretsmanager_secret" "this" {
  name                    = "${var.name}/database"
  description             = "repo-app database credentials and JDBC URL"
  recovery_window_in_days = var.secret_recovery_window_days
  tags                    = var.tags
}

resource "aws_secretsmanager_secret_version" "this" {
  secret_id = aws_secretsmanager_secret.this.id
  secret_string = jsonencode({
    username = var.username
    password = random_password.db.result
    jdbc_url = "jdbc:mariadb://${aws_rds_cluster.this.endpoint}:${aws_rds_cluster.this.port}/${var.database_name}"
  })
}
