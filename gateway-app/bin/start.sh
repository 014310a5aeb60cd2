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
# 堆固定大小（Xms=Xmx）并在启动时预先触碰（AlwaysPreTouch）：运行中扩堆会触发 Full GC，首次触碰新内存的缺页
# 会把一次年轻代停顿拉长数倍；MetaspaceSize 免去启动时的 Metadata GC。数字见 docs/benchmarks.md（issue 9 第五轮）
exec java ${JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC -XX:MaxTenuringThreshold=4 -XX:+AlwaysPreTouch -XX:MetaspaceSize=128m} -jar "$JAR" "$@"
