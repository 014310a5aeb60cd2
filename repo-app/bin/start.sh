#!/usr/bin/env bash
# 启动 repo-app（不做构建）：先执行 mvn -pl repo-app -am package 生成 target 下的可执行 jar。
# 可用环境变量：IM_HTTP_PORT(8081) IM_GRPC_PORT(50051) IM_DB_URL IM_DB_USER IM_DB_PASSWORD
#              IM_REDIS_URI IM_ETCD_ENDPOINTS IM_REPO_GRPC_THREADS IM_DB_POOL_SIZE JAVA_OPTS
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/repo-app-0.1.0-SNAPSHOT.jar
if [[ ! -f "$JAR" ]]; then
  echo "missing $JAR: build it first with 'mvn -B -pl repo-app -am package -DskipTests'" >&2
  exit 1
fi
exec java ${JAVA_OPTS:--Xms256m -Xmx512m -XX:+UseG1GC} -jar "$JAR" "$@"
