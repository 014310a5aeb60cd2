output "primary_endpoint" {
  description = "Primary endpoint address (follows failover)."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "reader_endpoint" {
  description = "Reader endpoint address."
  value       = aws_elasticache_replication_group.this.reader_endpoint_address
}

output "secret_arn" {
  description = "Secret with key uri (rediss://TOKEN@host:6379), injected as IM_REDIS_URI."
  value       = aws_secretsmanager_secret.this.arn
}

output "security_group_id" {
  description = "Security group of the cache."
  value       = aws_security_group.this.id
}
