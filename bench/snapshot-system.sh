#!/usr/bin/env bash
# 从已构建 jar 的快照启动被测系统：先复制到 .infra/bench-jars/，再以各 start.sh 相同的 JVM 参数运行。
# 为什么：多人共用工作区时，别人重新打包会覆盖正在运行的 target/*.jar，运行中的进程随即 ClassNotFound。
# 进程与 pid 文件与 scripts/system.sh 相同（.infra/apps/<app>.pid），所以 system.sh status|down 照常可用。
# 用法: bash bench/snapshot-system.sh [app ...]  （基础设施须已由 scripts/infra.sh up 启动；已运行的应用先被停止；
#       给出应用名时只重启这些，例如 bash bench/snapshot-system.sh repo-app）
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# 与 scripts/system.sh 相同的每安装密钥（JWT、数据库密码），从不打印
# shellcheck source=../scripts/secrets.sh
. "$ROOT/scripts/secrets.sh"
im_export_secrets
STATE="$ROOT/.infra/apps"
SNAP="$ROOT/.infra/bench-jars"
JAVA_BIN="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java"
[ -x "$JAVA_BIN" ] || JAVA_BIN="$(command -v java)"
mkdir -p "$STATE" "$SNAP"

# 名称 | 模块路径 | HTTP 端口 | 健康检查端口（网关在只监听回环的管理端口上，其它应用就是 HTTP 端口）
#      | 与该模块 bin/start.sh 相同的默认 JVM 参数
APPS=(
  "repo-app|repo-app|8081|8081|-Xms512m -Xmx512m -XX:+UseG1GC -XX:+AlwaysPreTouch -XX:MetaspaceSize=128m"
  "logic-app|logic-app|8082|8082|-Xms512m -Xmx512m -XX:+UseG1GC -XX:+AlwaysPreTouch -XX:MetaspaceSize=128m"
  "gateway-app|gateway-app|8080|9080|-Xms512m -Xmx512m -XX:+UseParallelGC -XX:MaxTenuringThreshold=4 -XX:+AlwaysPreTouch -XX:MetaspaceSize=128m"
  "fanout-function|task-functions/fanout-function|8091|8091|-Xms256m -Xmx256m -XX:+UseSerialGC -XX:+AlwaysPreTouch -XX:MetaspaceSize=96m"
  "push-function|task-functions/push-function|8092|8092|-Xms256m -Xmx256m -XX:+UseSerialGC -XX:+AlwaysPreTouch -XX:MetaspaceSize=96m"
  "audit-function|task-functions/audit-function|8093|8093|-Xms256m -Xmx256m -XX:+UseSerialGC -XX:+AlwaysPreTouch -XX:MetaspaceSize=96m"
  "index-function|task-functions/index-function|8094|8094|-Xms256m -Xmx256m -XX:+UseSerialGC -XX:+AlwaysPreTouch -XX:MetaspaceSize=96m"
)

ready() { curl -fsS "http://127.0.0.1:$1/health/readiness" 2>/dev/null | grep -q '"status":"UP"'; }

ONLY=" $* "
selected() { [ "$ONLY" = "  " ] || [[ "$ONLY" == *" $1 "* ]]; }

for entry in "${APPS[@]}"; do
  IFS='|' read -r name dir port hport opts <<<"$entry"
  selected "$name" || continue
  pidf="$STATE/$name.pid"
  if [ -f "$pidf" ] && kill -0 "$(cat "$pidf")" 2>/dev/null; then
    echo "[snapshot] stopping $name (pid $(cat "$pidf"))"
    kill "$(cat "$pidf")" || true
    for _ in $(seq 1 30); do kill -0 "$(cat "$pidf")" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -f "$pidf"
done

for entry in "${APPS[@]}"; do
  IFS='|' read -r name dir port hport opts <<<"$entry"
  selected "$name" || continue
  jar="$ROOT/$dir/target/$name-0.1.0-SNAPSHOT.jar"
  if [ ! -f "$jar" ]; then echo "[snapshot] skip $name: $jar not built"; continue; fi
  cp "$jar" "$SNAP/$name.jar"
  echo "[snapshot] starting $name from a copy of $jar ($(date -r "$jar" +%H:%M:%S))"
  # pid 文件里写 java 进程自己的 pid（bash -c 先写 $$ 再 exec），压测按它读 RSS 与 CPU
  (cd "$ROOT" && IM_HTTP_PORT="$port" setsid nohup bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$STATE/$name.pid" \
     "$JAVA_BIN" $opts -jar "$SNAP/$name.jar" </dev/null >"$STATE/$name.log" 2>&1 &)
  sleep 0.5
  if [ "$name" = "repo-app" ]; then
    for _ in $(seq 1 120); do ready "$hport" && break; sleep 1; done
  fi
done
for entry in "${APPS[@]}"; do
  IFS='|' read -r name dir port hport opts <<<"$entry"
  for _ in $(seq 1 120); do
    ready "$hport" && break
    kill -0 "$(cat "$STATE/$name.pid" 2>/dev/null)" 2>/dev/null || break
    sleep 1
  done
done
bash "$ROOT/scripts/system.sh" status
