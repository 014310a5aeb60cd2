output "vpc_id" {
  description = "VPC id."
  value       = aws_vpc.this.id
}

output "vpc_cidr" {
  description = "VPC CIDR."
  value       = aws_vpc.this.cidr_block
}

output "public_subnet_ids" {
  description = "Public subnets (load balancer, NAT)."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "Private subnets (apps, functions, data services)."
  value       = aws_subnet.private[*].id
}

output "alb_security_group_id" {
  description = "Security group of the public load balancer."
  value       = aws_security_group.alb.id
}

output "app_security_group_id" {
  description = "Security group shared by the ECS apps and the Lambda functions; data services admit it."
  value       = aws_security_group.app.id
}

output "namespace_id" {
  description = "Cloud Map private DNS namespace id."
  value       = aws_service_discovery_private_dns_namespace.this.id
}

output "namespace_name" {
  description = "Cloud Map private DNS namespace name."
  value       = aws_service_discovery_private_dns_namespace.this.name
}

output "nat_public_ips" {
  description = "Public addresses of the NAT gateways (allow-list them at Elastic Cloud and the push provider)."
  value       = aws_eip.nat[*].public_ip
}
