output "cluster_arn" {
  description = "MSK cluster ARN (event source of the Lambda functions)."
  value       = aws_msk_cluster.this.arn
}

output "cluster_name" {
  description = "MSK cluster name."
  value       = aws_msk_cluster.this.cluster_name
}

output "bootstrap_brokers_sasl_scram" {
  description = "Comma-separated TLS + SASL/SCRAM bootstrap brokers (port 9096): IM_KAFKA_BOOTSTRAP."
  value       = aws_msk_cluster.this.bootstrap_brokers_sasl_scram
}

output "bootstrap_brokers_sasl_iam" {
  description = "Comma-separated TLS + IAM bootstrap brokers (port 9098), empty unless iam_auth_enabled."
  value       = aws_msk_cluster.this.bootstrap_brokers_sasl_iam
}

output "security_group_id" {
  description = "Security group of the brokers."
  value       = aws_security_group.this.id
}

output "scram_secret_arn" {
  description = "AmazonMSK_ secret (username/password JSON) associated with the cluster; the event source mappings authenticate with it."
  value       = aws_secretsmanager_secret.scram.arn
}

output "client_secret_arn" {
  description = "Secret with keys security_protocol, sasl_mechanism and sasl_jaas_config for the apps."
  value       = aws_secretsmanager_secret.client.arn
}

output "kms_key_arn" {
  description = "KMS key encrypting the SCRAM secret (readers need kms:Decrypt)."
  value       = aws_kms_key.scram.arn
}

output "scram_username" {
  description = "SASL/SCRAM user name."
  value       = var.scram_username
}

output "scram_password" {
  description = "SASL/SCRAM password (for the kafka provider of the environment)."
  value       = random_password.scram.result
  sensitive   = true
}

output "replication_factor" {
  description = "Replication factor for topics the apps create themselves (gateway downstream and revocation topics)."
  value       = var.default_replication_factor
}

output "topics" {
  description = "Names of the topics created by this module."
  value       = sort(keys(kafka_topic.this))
}
