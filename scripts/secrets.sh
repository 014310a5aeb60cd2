#!/usr/bin/env bash
# 每个安装一份的随机密钥（由 infra.sh、system.sh、chaos.sh、test.sh、bench/snapshot-system.sh source）：
# 代替 application.yml 里公开的开发默认值。首次使用时生成到 .infra/secrets/<名字>（目录 700、文件 600，
# .infra/ 已被 git 忽略），之后复用：重启不会让已签发的令牌失效，MariaDB 用户的密码也保持一致。从不打印。
# 调用者已显式设置对应的环境变量时以它为准。
#   jwt-secret   -> IM_JWT_SECRET   （logic 签发、网关验签）
#   db-password  -> IM_DB_PASSWORD  （MariaDB 用户 im；infra.sh 建用户时设置，repo-app 与测试连接时使用）
#   admin-password -> IM_ADMIN_PASSWORD （首个管理员的密码：repo-app 启动时还没有该管理员就用它创建；查看：cat .infra/secrets/admin-password）
#   s3-secret-key -> IM_S3_SECRET_KEY（infra.sh 的 S3Proxy 的秘密访问密钥，访问密钥 ID 固定为 im-local；logic-app 与
#                   audit-function 签预签名 URL 用，测试经 test-support 的 ObjectStorageSettings 读取）

# 打印密钥 name 的值，不存在时先生成
im_secret() {
  local dir="${IM_INFRA_DIR:-$ROOT/.infra}/secrets"
  local file="$dir/$1"
  mkdir -p "$dir"
  chmod 700 "$dir"
  if [ ! -s "$file" ]; then
    # 先写临时文件再改名：中途失败不会留下半个密钥；只用字母数字，放进 SQL 与命令行参数都不需要转义
    (umask 077 && head -c 96 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9' | head -c 48 >"$file.tmp" && mv "$file.tmp" "$file")
  fi
  chmod 600 "$file"
  cat "$file"
}

# 导出 IM_JWT_SECRET、IM_DB_PASSWORD、IM_S3_SECRET_KEY 与 IM_ADMIN_PASSWORD（已设置的保持不变）
im_export_secrets() {
  if [ -z "${IM_JWT_SECRET:-}" ]; then IM_JWT_SECRET="$(im_secret jwt-secret)"; fi
  if [ -z "${IM_DB_PASSWORD:-}" ]; then IM_DB_PASSWORD="$(im_secret db-password)"; fi
  if [ -z "${IM_S3_SECRET_KEY:-}" ]; then IM_S3_SECRET_KEY="$(im_secret s3-secret-key)"; fi
  if [ -z "${IM_ADMIN_PASSWORD:-}" ]; then IM_ADMIN_PASSWORD="$(im_secret admin-password)"; fi
  export IM_JWT_SECRET IM_DB_PASSWORD IM_S3_SECRET_KEY IM_ADMIN_PASSWORD
}
