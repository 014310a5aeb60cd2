# 文件与图片消息的对象存储：客户端经预签名 URL 直传与下载（字节不经过应用），所以桶完全私有、不开放任何公共访问；
# 应用（logic-app 签 URL，audit-function 生成缩略图）经 IAM 角色得到对象级的读写权限，不需要长期访问密钥。

resource "aws_s3_bucket" "this" {
  bucket        = var.bucket_name
  force_destroy = var.force_destroy
  tags          = var.tags
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = var.incomplete_upload_expiration_days
    }
  }
}

# 浏览器直传需要 CORS（预签名 PUT 带 Content-Type 头）
resource "aws_s3_bucket_cors_configuration" "this" {
  count  = length(var.cors_allowed_origins) == 0 ? 0 : 1
  bucket = aws_s3_bucket.this.id
  cors_rule {
    allowed_methods = ["PUT", "GET", "HEAD"]
    allowed_origins = var.cors_allowed_origins
    allowed_headers = ["Content-Type"]
    max_age_seconds = 3000
  }
}

# 应用的权限：只对桶里的对象读写（预签名 URL 以签名者的权限生效，所以签 URL 的角色也需要这些）
data "aws_iam_policy_document" "app" {
  statement {
    sid       = "FileObjects"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.this.arn}/conversations/*"]
  }
}
