variable "name" {
  description = "Name prefix of every resource (e.g. im-prod)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,23}$", var.name))
    error_message = "name must be 2-24 characters: lower-case letters, digits and dashes, starting with a letter."
  }
}

variable "vpc_cidr" {
  description = "IPv4 CIDR of the VPC."
  type        = string
  default     = "10.40.0.0/16"

  validation {
    condition     = can(cidrnetmask(var.vpc_cidr)) && try(tonumber(split("/", var.vpc_cidr)[1]) <= 20, false)
    error_message = "vpc_cidr must be a valid IPv4 CIDR of size /20 or larger."
  }
}

variable "azs" {
  description = "Availability zones to spread subnets over (one public and one private subnet in each). MSK and Aurora need at least two."
  type        = list(string)

  validation {
    condition     = length(var.azs) >= 2 && length(var.azs) <= 6 && length(distinct(var.azs)) == length(var.azs)
    error_message = "azs must list 2 to 6 distinct availability zones."
  }
}

variable "subnet_newbits" {
  description = "Bits added to the VPC prefix for each subnet (4 turns a /16 into /20 subnets)."
  type        = number
  default     = 4

  validation {
    condition     = var.subnet_newbits >= 2 && var.subnet_newbits <= 8
    error_message = "subnet_newbits must be between 2 and 8."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all private subnets (cheaper) instead of one per AZ (survives an AZ outage)."
  type        = bool
  default     = true
}

variable "namespace_name" {
  description = "Private DNS namespace (Cloud Map) in which etcd members and apps get stable names, e.g. repo-app.im.internal."
  type        = string
  default     = "im.internal"

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$", var.namespace_name))
    error_message = "namespace_name must be a DNS name with at least two labels."
  }
}

variable "alb_ingress_cidrs" {
  description = "CIDRs allowed to reach the public load balancer on 80/443."
  type        = list(string)
  default     = ["0.0.0.0/0"]

  validation {
    condition     = alltrue([for c in var.alb_ingress_cidrs : can(cidrnetmask(c))])
    error_message = "alb_ingress_cidrs must contain IPv4 CIDRs."
  }
}

variable "alb_target_ports" {
  description = "Container ports the load balancer may reach on the app tasks (the gateway's public port and its management port for health checks)."
  type        = list(number)
  default     = [8080, 9080]

  validation {
    condition     = alltrue([for p in var.alb_target_ports : p > 0 && p < 65536])
    error_message = "alb_target_ports must be TCP ports."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
