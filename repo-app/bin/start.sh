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
# 堆固定大小（Xms=Xmx）并在启动时预先触碰（AlwaysPreTouch）：运行中扩堆会触发 Full GC，首次触碰新内存的缺页
# 会把一次年轻代停顿拉长数倍；MetaspaceSize 免去启动时的 Metadata GC。数字见 docs/benchmarks.md（issue 9 第五轮）
exec java ${JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseG1GC -XX:+AlwaysPreTouch -XX:MetaspaceSize=128m} -jar "$JAR" "$@"
