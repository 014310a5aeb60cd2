variable "name" {
  description = "Cluster identifier and prefix of every resource."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,50}$", var.name))
    error_message = "name must be 2-51 characters: lower-case letters, digits and dashes."
  }
}

variable "vpc_id" {
  description = "VPC of the cluster."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets (at least two AZs)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "Aurora needs subnets in at least two AZs."
  }
}

variable "allowed_security_group_ids" {
  description = "Security groups whose members may connect on 3306 (repo-app)."
  type        = list(string)
}

variable "engine_version" {
  description = "Aurora MySQL 8 engine version."
  type        = string
  default     = "8.0.mysql_aurora.3.08.2"

  validation {
    condition     = startswith(var.engine_version, "8.0.mysql_aurora.3.")
    error_message = "engine_version must be an Aurora MySQL 3 (MySQL 8.0 compatible) version."
  }
}

variable "instance_class" {
  description = "Instance class of the writer and readers. db.t4g.medium is the smallest Aurora MySQL 3 class."
  type        = string
  default     = "db.t4g.medium"

  validation {
    condition     = startswith(var.instance_class, "db.")
    error_message = "instance_class must be an RDS instance class (db.*)."
  }
}

variable "instance_count" {
  description = "Instances in the cluster: 1 writer plus readers (a reader in another AZ is the failover target)."
  type        = number
  default     = 2

  validation {
    condition     = var.instance_count >= 1 && var.instance_count <= 16 && floor(var.instance_count) == var.instance_count
    error_message = "instance_count must be between 1 and 16."
  }
}

variable "database_name" {
  description = "Schema created at cluster creation (repo-app's Flyway migrates it at start)."
  type        = string
  default     = "im"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,63}$", var.database_name))
    error_message = "database_name must be a MySQL identifier."
  }
}

variable "username" {
  description = "Database user of repo-app (the cluster's master user)."
  type        = string
  default     = "im"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,15}$", var.username)) && !contains(["admin", "root", "rdsadmin"], var.username)
    error_message = "username must be a MySQL user name of up to 16 characters and not a reserved name."
  }
}

variable "backup_retention_days" {
  description = "Automated backup retention."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35
    error_message = "backup_retention_days must be between 1 and 35."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the cluster (turn off before destroying a throw-away environment)."
  type        = bool
  default     = true
}

variable "skip_final_snapshot" {
  description = "Skip the final snapshot on destroy (throw-away environments only)."
  type        = bool
  default     = false
}

variable "apply_immediately" {
  description = "Apply modifications at once instead of in the maintenance window."
  type        = bool
  default     = false
}

variable "secret_recovery_window_days" {
  description = "Recovery window of the credentials secret (0 deletes at once)."
  type        = number
  default     = 7

  validation {
    condition     = var.secret_recovery_window_days == 0 || (var.secret_recovery_window_days >= 7 && var.secret_recovery_window_days <= 30)
    error_message = "secret_recovery_window_days must be 0 or between 7 and 30."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
