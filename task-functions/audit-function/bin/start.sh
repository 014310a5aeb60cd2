#!/usr/bin/env bash
# 启动 audit-function（常驻 Kafka 消费者模式）。不构建任何东西：先执行 mvn install 生成 shaded jar。
# 常用环境变量：IM_HTTP_PORT（默认 8093）、IM_KAFKA_BOOTSTRAP、IM_REPO_ADDRESS、IM_ETCD_ENDPOINTS、JAVA_OPTS。
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="${IM_APP_JAR:-$DIR/target/audit-function-0.1.0-SNAPSHOT.jar}"
JAVA_BIN="${JAVA_BIN:-java}"
[ -f "$JAR" ] || { echo "missing $JAR: run 'mvn -pl task-functions/audit-function -am install' first" >&2; exit 1; }
exec "$JAVA_BIN" ${JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC} -jar "$JAR" "$@"
