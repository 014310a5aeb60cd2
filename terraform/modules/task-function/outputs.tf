output "function_name" {
  description = "Lambda function name."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "Lambda function ARN."
  value       = aws_lambda_function.this.arn
}

output "role_arn" {
  description = "Execution role of the function."
  value       = aws_iam_role.this.arn
}

output "log_group_name" {
  description = "CloudWatch log group of the function."
  value       = aws_cloudwatch_log_group.this.name
}

output "event_source_mapping_uuid" {
  description = "UUID of the Kafka event source mapping (null when not created)."
  value       = try(aws_lambda_event_source_mapping.this[0].uuid, null)
}

output "failure_destination_arn" {
  description = "Where failed batches go."
  value       = local.failure_destination_arn
}

output "topic" {
  description = "Topic the function consumes."
  value       = var.topic
}

output "consumer_group_id" {
  description = "Consumer group of the mapping."
  value       = var.consumer_group_id
}
