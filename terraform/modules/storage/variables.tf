variable "bucket_name" {
  description = "Name of the S3 bucket for file and image messages (globally unique)."
  type        = string
}

variable "cors_allowed_origins" {
  description = "Origins allowed to PUT/GET pre-signed URLs from a browser (the web client); empty = no CORS rule."
  type        = list(string)
  default     = []
}

variable "incomplete_upload_expiration_days" {
  description = "Days after which incomplete multipart uploads are aborted."
  type        = number
  default     = 1
}

variable "force_destroy" {
  description = "Allow terraform destroy to delete a bucket that still holds objects."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
