output "gateway_url" {
  description = "Public REST base URL of the gateway."
  value       = format("%s://%s", var.certificate_arn == null ? "http" : "https", module.service["gateway-app"].load_balancer_dns_name)
}

output "websocket_url" {
  description = "WebSocket endpoint (append ?token=<access token> or send an Authorization header)."
  value       = format("%s://%s/ws", var.certificate_arn == null ? "ws" : "wss", module.service["gateway-app"].load_balancer_dns_name)
}

output "ecr_repositories" {
  description = "ECR repository URL per app (push images here with scripts/build-images.sh)."
  value       = { for k, r in aws_ecr_repository.app : k => r.repository_url }
}

output "ecs_cluster" {
  description = "ECS cluster name."
  value       = aws_ecs_cluster.this.name
}

output "service_names" {
  description = "ECS services per app (one per gateway slot)."
  value       = { for k, s in module.service : k => s.service_names }
}

output "functions" {
  description = "Lambda function, topic and consumer group per task type."
  value = { for k, f in module.task_function : k => {
    function_name  = f.function_name
    topic          = f.topic
    consumer_group = f.consumer_group_id
    failures       = f.failure_destination_arn
  } }
}

output "kafka_bootstrap_brokers" {
  description = "MSK bootstrap brokers (TLS + SASL/SCRAM)."
  value       = module.kafka.bootstrap_brokers_sasl_scram
}

output "kafka_topics" {
  description = "Topics created for the code."
  value       = module.kafka.topics
}

output "elasticsearch_endpoint" {
  description = "Elastic Cloud HTTPS endpoint."
  value       = module.search.https_endpoint
}

output "etcd_endpoints" {
  description = "etcd client URLs."
  value       = module.discovery.endpoints
}

output "gateway_ids" {
  description = "Stable gateway ids (one ECS service and one downstream topic each)."
  value       = module.catalog.gateway_ids
}
