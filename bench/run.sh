#!/usr/bin/env bash
# 端到端压测：bash bench/run.sh <workload> [--name=value ...]
# workload: all | one-to-one | group | world | connections | rest | baseline | users
#           chaos [--short ...]（故障注入套件，转交 scripts/chaos.sh，见 docs/reliability.md）
# 被测系统先用 bash scripts/system.sh up 启动；压测只走公开接口（REST、WebSocket）加同机 Kafka 基线。
# 选项与默认值见 bench/README.md。
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/bench/target/bench-0.1.0-SNAPSHOT.jar"
JAVA_BIN="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java"
[ -x "$JAVA_BIN" ] || JAVA_BIN="$(command -v java)"

workload="${1:-}"
if [ -z "$workload" ]; then
  sed -n '2,6p' "$0" >&2
  exit 2
fi

# 故障注入套件自己管理系统的启停与 jar 的构建
if [ "$workload" = "chaos" ]; then
  shift
  exec bash "$ROOT/scripts/chaos.sh" "$@"
fi

# 源码比 jar 新（或没有 jar）时重建 bench 模块；同机只允许一个 Maven 构建
if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/bench/src/main" "$ROOT/bench/pom.xml" -newer "$JAR" -print -quit)" ]; then
  echo "[bench] building the bench module"
  (cd "$ROOT" && flock /tmp/im-mvn.lock mvn -B -q -o install -pl bench -DskipTests)
fi

# 网关的健康检查在只监听回环的管理端口上（默认 9080，IM_MANAGEMENT_PORT），公网端口 8080 上没有
if ! curl -fsS "http://127.0.0.1:${IM_MANAGEMENT_PORT:-9080}/health/readiness" >/dev/null 2>&1; then
  echo "[bench] gateway-app is not ready (http://127.0.0.1:${IM_MANAGEMENT_PORT:-9080}/health/readiness); start the system with: bash scripts/system.sh up" >&2
  exit 1
fi

# 几万条连接需要足够的文件描述符：压测进程自己抬高限制（root 可超过硬限制）
ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)"

if [ "$workload" = "connections" ] || [ "$workload" = "all" ]; then
  # 网关进程的打开文件数上限若低于目标连接数，同样用 prlimit 抬高（部署者也要做的系统设置，不是应用调优）
  GW_PID="$(cat "$ROOT/.infra/apps/gateway-app.pid" 2>/dev/null || true)"
  if [ -n "$GW_PID" ] && [ -r "/proc/$GW_PID/limits" ]; then
    cur="$(awk '/Max open files/ {print $4}' "/proc/$GW_PID/limits")"
    if [ "$cur" != "unlimited" ] && [ "$cur" -lt 200000 ]; then
      echo "[bench] raising gateway-app (pid $GW_PID) max open files from $cur to 200000 with prlimit"
      # 没有 CAP_SYS_RESOURCE 的容器里无法超过硬限制：照常运行，报告里会写出网关的实际上限
      prlimit --pid "$GW_PID" --nofile=200000:200000 \
        || echo "[bench] could not raise it (hard limit $(awk '/Max open files/ {print $5}' "/proc/$GW_PID/limits")); the ramp will stop there"
    fi
  fi
fi

# 回环上 127.0.0.2 起的源地址在 Linux 上无需配置即可绑定（整个 127.0.0.0/8 都在 lo 上）
exec "$JAVA_BIN" ${BENCH_JAVA_OPTS:--Xms512m -Xmx2g -XX:+UseParallelGC} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$JAR" com.acme.im.bench.BenchMain "$@" --root="$ROOT"
