#!/usr/bin/env bash
# 启动 gateway-app（不构建）：先执行 mvn -pl gateway-app -am package。
# 公网端口 IM_HTTP_PORT（8080）；健康检查与指标在只监听回环的管理端口 IM_MANAGEMENT_PORT（9080）
# 同机第二个网关：IM_HTTP_PORT=8083 IM_MANAGEMENT_PORT=9083 IM_GATEWAY_ID=gw-2 gateway-app/bin/start.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$HERE/target/gateway-app-0.1.0-SNAPSHOT.jar"
if [[ ! -f "$JAR" ]]; then
  echo "missing $JAR: build it first (flock /tmp/im-mvn.lock mvn -B -q install -pl gateway-app -am -DskipTests)" >&2
  exit 1
fi
: "${IM_HTTP_PORT:=8080}"
export IM_HTTP_PORT
exec java ${JAVA_OPTS:--Xms64m -Xmx384m -XX:+UseSerialGC} -jar "$JAR" "$@"
