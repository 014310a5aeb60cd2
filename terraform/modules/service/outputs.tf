output "service_names" {
  description = "ECS service names (one per slot, or one)."
  value       = [for s in aws_ecs_service.this : s.name]
}

output "task_definition_arns" {
  description = "Task definition ARNs keyed by service name."
  value       = { for k, t in aws_ecs_task_definition.this : k => t.arn }
}

output "log_group_name" {
  description = "CloudWatch log group of the service."
  value       = aws_cloudwatch_log_group.this.name
}

output "execution_role_arn" {
  description = "Task execution role (reads the secrets)."
  value       = aws_iam_role.execution.arn
}

output "task_role_arn" {
  description = "Task role (the app's own AWS permissions)."
  value       = aws_iam_role.task.arn
}

output "load_balancer_dns_name" {
  description = "Public DNS name of the load balancer (null without one)."
  value       = try(aws_lb.this[0].dns_name, null)
}

output "load_balancer_zone_id" {
  description = "Hosted zone of the load balancer, for a Route 53 alias."
  value       = try(aws_lb.this[0].zone_id, null)
}

output "target_group_arn" {
  description = "Target group ARN (null without a load balancer)."
  value       = try(aws_lb_target_group.this[0].arn, null)
}

output "discovery_dns_name" {
  description = "Cloud Map service name the tasks register under (null without discovery)."
  value       = try(aws_service_discovery_service.this[0].name, null)
}
