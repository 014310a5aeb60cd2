output "cluster_endpoint" {
  description = "Writer endpoint."
  value       = aws_rds_cluster.this.endpoint
}

output "reader_endpoint" {
  description = "Reader endpoint."
  value       = aws_rds_cluster.this.reader_endpoint
}

output "port" {
  description = "MySQL port."
  value       = aws_rds_cluster.this.port
}

output "database_name" {
  description = "Schema name."
  value       = var.database_name
}

output "username" {
  description = "Database user of repo-app (IM_DB_USER)."
  value       = var.username
}

output "jdbc_url" {
  description = "JDBC URL for repo-app (IM_DB_URL); the MariaDB driver speaks to MySQL 8."
  value       = "jdbc:mariadb://${aws_rds_cluster.this.endpoint}:${aws_rds_cluster.this.port}/${var.database_name}"
}

output "secret_arn" {
  description = "Secret with keys username, password and jdbc_url (ECS injects password as IM_DB_PASSWORD)."
  value       = aws_secretsmanager_secret.this.arn
}

output "security_group_id" {
  description = "Security group of the cluster."
  value       = aws_security_group.this.id
}
