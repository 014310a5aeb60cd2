#!/usr/bin/env bash
# 启动 fanout-function（常驻 Kafka 消费者模式）。不构建任何东西：先执行 mvn install 生成 shaded jar。
# 常用环境变量：IM_HTTP_PORT（默认 8091）、IM_KAFKA_BOOTSTRAP、IM_REPO_ADDRESS、IM_ETCD_ENDPOINTS、JAVA_OPTS。
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="${IM_APP_JAR:-$DIR/target/fanout-function-0.1.0-SNAPSHOT.jar}"
JAVA_BIN="${JAVA_BIN:-java}"
[ -f "$JAR" ] || { echo "missing $JAR: run 'mvn -pl task-functions/fanout-function -am install' first" >&2; exit 1; }
# 堆固定大小（Xms=Xmx）并在启动时预先触碰（AlwaysPreTouch）：运行中扩堆会触发 Full GC，首次触碰新内存的缺页
# 会把一次年轻代停顿拉长数倍；MetaspaceSize 免去启动时的 Metadata GC。数字见 docs/benchmarks.md（issue 9 第五轮）
exec "$JAVA_BIN" ${JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseSerialGC -XX:+AlwaysPreTouch -XX:MetaspaceSize=96m} -jar "$JAR" "$@"
