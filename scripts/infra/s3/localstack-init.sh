#!/usr/bin/env bash
# LocalStack 就绪钩子（localstack-compose.yml 挂载到 /etc/localstack/init/ready.d/）：
# 建好应用 im.storage.bucket 的默认桶 im-files，与 scripts/infra.sh 的 S3Proxy 一致（幂等）。
set -euo pipefail
awslocal s3api head-bucket --bucket im-files >/dev/null 2>&1 || awslocal s3 mb s3://im-files
