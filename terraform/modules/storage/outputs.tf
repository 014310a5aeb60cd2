output "bucket_name" {
  description = "Bucket name (IM_S3_BUCKET)."
  value       = aws_s3_bucket.this.bucket
}

output "bucket_arn" {
  description = "Bucket ARN."
  value       = aws_s3_bucket.this.arn
}

output "endpoint" {
  description = "Regional S3 endpoint for the apps (IM_S3_ENDPOINT, virtual-hosted style: IM_S3_PATH_STYLE=false)."
  value       = "https://s3.${aws_s3_bucket.this.region}.amazonaws.com"
}

output "region" {
  description = "Region of the bucket (IM_S3_REGION, the SigV4 signing region)."
  value       = aws_s3_bucket.this.region
}

output "app_policy_json" {
  description = "IAM policy allowing GetObject/PutObject under conversations/ (attach to the roles of logic-app and audit-function)."
  value       = data.aws_iam_policy_document.app.json
}
