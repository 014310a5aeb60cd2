output "https_endpoint" {
  description = "Elasticsearch HTTPS endpoint with port (IM_ES_HOSTS)."
  value       = local.https_endpoint
}

output "deployment_id" {
  description = "Elastic Cloud deployment id."
  value       = ec_deployment.this.id
}

output "stack_version" {
  description = "Elastic Stack version of the deployment."
  value       = data.ec_stack.this.version
}

output "admin_username" {
  description = "Deployment superuser (only for the elasticstack provider of the environment)."
  value       = ec_deployment.this.elasticsearch_username
}

output "admin_password" {
  description = "Deployment superuser password (only for the elasticstack provider of the environment)."
  value       = ec_deployment.this.elasticsearch_password
  sensitive   = true
}

output "secret_arn" {
  description = "Secret with keys hosts and default_headers (Authorization:ApiKey ...), injected as IM_ES_HOSTS / IM_ES_DEFAULT_HEADERS."
  value       = aws_secretsmanager_secret.this.arn
}
