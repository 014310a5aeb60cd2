#!/usr/bin/env bash
# 启动 logic-app（不构建）：先执行 mvn -pl logic-app package 生成 target/logic-app-0.1.0-SNAPSHOT.jar。
# 常用环境变量：IM_GRPC_PORT、IM_HTTP_PORT、IM_REPO_ADDRESS、IM_KAFKA_BOOTSTRAP、IM_JWT_SECRET、IM_PRODUCTION。
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="$here/target/logic-app-0.1.0-SNAPSHOT.jar"
if [[ ! -f "$jar" ]]; then
  echo "missing $jar: build it first (mvn -B -pl logic-app package)" >&2
  exit 1
fi
# 堆固定大小（Xms=Xmx）并在启动时预先触碰（AlwaysPreTouch）：运行中扩堆会触发 Full GC，首次触碰新内存的缺页
# 会把一次年轻代停顿拉长数倍；MetaspaceSize 免去启动时的 Metadata GC。数字见 docs/benchmarks.md（issue 9 第五轮）
exec java ${JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseG1GC -XX:+AlwaysPreTouch -XX:MetaspaceSize=128m} -jar "$jar" "$@"
