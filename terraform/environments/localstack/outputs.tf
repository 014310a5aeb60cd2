output "functions" {
  description = "Lambda function name per task type."
  value       = { for k, f in module.task_function : k => f.function_name }
}

output "failure_queues" {
  description = "SQS failure destination per task type."
  value       = { for k, f in module.task_function : k => f.failure_destination_arn }
}

output "artifact_bucket" {
  description = "S3 bucket holding the function packages."
  value       = aws_s3_bucket.artifacts.id
}
