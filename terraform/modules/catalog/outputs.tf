output "functions" {
  description = "Task functions keyed by task type: module directory, topic, consumer group, handler, sizing and static environment."
  value       = local.functions
}

output "apps" {
  description = "Long-lived apps keyed by module name: HTTP, management and gRPC ports and health paths."
  value       = local.apps
}

output "lambda_handler" {
  description = "Handler class every function jar is deployed with."
  value       = local.lambda_handler
}

output "gateway_ids" {
  description = "Stable gateway ids, one per gateway slot."
  value       = local.gateway_ids
}

output "kafka_topics" {
  description = "Every topic the code uses (fixed, task and per-gateway downstream topics) mapped to its partition count."
  value       = local.kafka_topics
}

output "downstream_topic_prefix" {
  description = "Prefix of the per-gateway downstream topics (Topics.DOWNSTREAM_PREFIX)."
  value       = local.downstream_topic_prefix
}
