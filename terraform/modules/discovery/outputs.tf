output "endpoints" {
  description = "etcd client URLs (created members or external_endpoints)."
  value       = local.endpoints
}

output "endpoints_csv" {
  description = "Comma-separated client URLs for IM_ETCD_ENDPOINTS."
  value       = join(",", local.endpoints)
}

output "security_group_id" {
  description = "Security group of the members (null with external_endpoints)."
  value       = local.create ? aws_security_group.etcd[0].id : null
}

output "member_names" {
  description = "ECS service names of the members."
  value       = local.members
}
