#!/usr/bin/env bash
# 在本机用真实服务启动整个系统：基础设施（scripts/infra.sh）+ 构建 + 全部应用与任务函数。
# 用法: scripts/system.sh up|down|status
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${IM_INFRA_DIR:-$ROOT/.infra}/apps"
JAVA_BIN="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java"
[ -x "$JAVA_BIN" ] || JAVA_BIN="$(command -v java)"
export JAVA_BIN

# 名称 | 模块路径 | HTTP 端口（各 bin/start.sh 的默认值）| 健康检查端口：网关的管理端点在只监听回环的管理端口
# （IM_MANAGEMENT_PORT，默认 9080）上，公网端口 8080 上没有；其它应用的 HTTP 端口只有管理端点（默认只监听 127.0.0.1）
APPS=(
  "repo-app|repo-app|8081|8081"
  "logic-app|logic-app|8082|8082"
  "gateway-app|gateway-app|8080|${IM_MANAGEMENT_PORT:-9080}"
  "fanout-function|task-functions/fanout-function|8091|8091"
  "push-function|task-functions/push-function|8092|8092"
  "audit-function|task-functions/audit-function|8093|8093"
  "index-function|task-functions/index-function|8094|8094"
)

log() { printf '[system] %s\n' "$*"; }

is_running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# 就绪（readiness）才算 UP：存活（liveness）只说明 JVM 还在
health_up() { curl -fsS "http://127.0.0.1:$1/health/readiness" 2>/dev/null | grep -q '"status":"UP"'; }

build() {
  if [ "${IM_SKIP_BUILD:-0}" = "1" ]; then return; fi
  log "building all modules (mvn -DskipTests install)"
  (cd "$ROOT" && mvn -B -q -DskipTests install)
}

# 每个安装一份的随机 JWT 密钥与数据库密码（scripts/secrets.sh，.infra/secrets/，从不打印），代替 application.yml 里
# 公开的开发默认值；调用者已显式设置 IM_JWT_SECRET / IM_DB_PASSWORD 时以它为准
# shellcheck source=secrets.sh
. "$ROOT/scripts/secrets.sh"

up() {
  bash "$ROOT/scripts/infra.sh" up
  build
  im_export_secrets
  mkdir -p "$STATE"
  for entry in "${APPS[@]}"; do
    IFS='|' read -r name dir _ port <<<"$entry"
    local jar="$ROOT/$dir/target/$name-0.1.0-SNAPSHOT.jar"
    local pidf="$STATE/$name.pid"
    if [ ! -f "$jar" ]; then log "skip $name: $jar not built"; continue; fi
    if is_running "$pidf"; then log "$name already running (pid $(cat "$pidf"))"; continue; fi
    log "starting $name (log: $STATE/$name.log)"
    IM_APP_JAR="$jar" setsid nohup bash "$ROOT/$dir/bin/start.sh" >"$STATE/$name.log" 2>&1 &
    echo $! >"$pidf"
    # repo-app 先就绪，其它应用依赖它的 gRPC 服务
    if [ "$name" = "repo-app" ]; then wait_health "$name" "$port"; fi
  done
  for entry in "${APPS[@]}"; do
    IFS='|' read -r name dir _ port <<<"$entry"
    [ -f "$STATE/$name.pid" ] && wait_health "$name" "$port"
  done
  status
  log "system is up: REST + WebSocket on http://127.0.0.1:8080 (ws://127.0.0.1:8080/ws), OpenAPI at /swagger;" \
    "gateway health and metrics on http://127.0.0.1:${IM_MANAGEMENT_PORT:-9080} (/health, /health/readiness, /prometheus)"
  echo "Open the web client: http://127.0.0.1:${IM_HTTP_PORT:-8080}/"
}

wait_health() {
  local name="$1" port="$2" i
  for i in $(seq 1 120); do
    if health_up "$port"; then log "$name UP on :$port"; return 0; fi
    if ! is_running "$STATE/$name.pid"; then
      log "$name exited; last log lines:"; tail -n 40 "$STATE/$name.log" || true; return 1
    fi
    sleep 1
  done
  log "$name not healthy after 120 s; last log lines:"; tail -n 40 "$STATE/$name.log" || true
  return 1
}

down() {
  for entry in "${APPS[@]}"; do
    IFS='|' read -r name _ _ <<<"$entry"
    local pidf="$STATE/$name.pid"
    if is_running "$pidf"; then
      log "stopping $name"
      kill -- "-$(cat "$pidf")" 2>/dev/null || kill "$(cat "$pidf")" 2>/dev/null || true
    fi
    rm -f "$pidf"
  done
  if [ "${1:-}" = "--all" ]; then bash "$ROOT/scripts/infra.sh" down; fi
}

status() {
  for entry in "${APPS[@]}"; do
    IFS='|' read -r name _ _ port <<<"$entry"
    local st=down
    is_running "$STATE/$name.pid" && st=running
    health_up "$port" && st=UP
    printf '  %-16s %-8s http://127.0.0.1:%s/health/readiness\n' "$name" "$st" "$port"
  done
}

case "${1:-}" in
  up) up ;;
  down) shift; down "${1:-}" ;;
  status) status ;;
  *) echo "usage: $0 up|down [--all]|status" >&2; exit 2 ;;
esac
