variable "gateway_slots" {
  description = "Number of gateway slots. Each slot is one ECS service with a stable gateway id (gw-0, gw-1, ...) and its own downstream topic im-downstream-topic-gw-N."
  type        = number
  default     = 2

  validation {
    condition     = var.gateway_slots >= 1 && var.gateway_slots <= 64 && floor(var.gateway_slots) == var.gateway_slots
    error_message = "gateway_slots must be a whole number between 1 and 64."
  }
}
