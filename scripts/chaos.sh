#!/usr/bin/env bash
# 故障注入套件：在持续的单聊与群聊流量下逐个制造故障，核对丢失、重复存储与 seq 空洞（说明见 docs/reliability.md）。
# 用法:
#   bash scripts/chaos.sh               完整套件：kill -9 logic/gateway/repo/index-function，重启 Kafka/etcd/MariaDB，
#                                       redis FLUSHALL，SIGSTOP logic-app 20 秒（长于 10 秒的 etcd 租约）；约 10 分钟
#   bash scripts/chaos.sh --short       短套件：redis FLUSHALL、kill -9 gateway-app、kill -9 logic-app；5 分钟以内
# 选项: --write-docs   把报告写进 docs/reliability.md（标记之间的部分）
#       --keep-up      结束时不停止本脚本启动的应用
#       --no-build     系统没在运行时也不重建应用 jar（共享工作区里别人改到一半编译不过时用）
#       --faults=kill-logic-app,restart-kafka,...   只跑这些故障；其余 --name=value 传给 ChaosMain
# 系统没在运行时先把它拉起来：scripts/infra.sh up，应用 jar 比源码旧或不存在时重建，然后从 jar 的快照
# （.infra/chaos-jars/）启动，pid 与日志文件与 scripts/system.sh 相同，所以 system.sh status|down 照常可用；
# 是本脚本拉起的，结束时再停掉（--keep-up 除外）。为什么用快照：故障后要重启应用，共享工作区里别人
# 重新打包会覆盖 target/*.jar，重启出来的就成了另一份代码。
# 退出码: 0 通过，1 有丢失 / 重复存储 / seq 空洞 / 未恢复，2 套件自身出错。
#
# 内部子命令（由 ChaosMain 调用，每个故障动作一条）:
#   internal kill9|start|stop|cont <app>    kill -9 / 从快照启动并等健康 / SIGSTOP / SIGCONT
#   internal stop-infra|start-infra|restart-infra <kafka|etcd|mariadb|redis>
#                                           SIGTERM 并等退出 / scripts/infra.sh up / 两者依次
#   internal flush-redis                    redis-cli FLUSHALL
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INFRA="${IM_INFRA_DIR:-$ROOT/.infra}"
STATE="$INFRA/apps"
SNAP="$INFRA/chaos-jars"
BENCH_JAR="$ROOT/bench/target/bench-0.1.0-SNAPSHOT.jar"
OUT="$ROOT/bench/target/chaos"
JAVA_BIN="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java"
[ -x "$JAVA_BIN" ] || JAVA_BIN="$(command -v java)"
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

# 与 scripts/system.sh 相同：名称 | 模块路径 | HTTP 端口（IM_HTTP_PORT）| 健康检查端口（repo-app 在前，其它应用依赖它）。
# 网关的健康端点在只监听回环的管理端口（IM_MANAGEMENT_PORT，默认 9080）上；更早构建的网关 jar 还在 8080 上，两处都看
MGMT_PORT="${IM_MANAGEMENT_PORT:-9080}"
APPS=(
  "repo-app|repo-app|8081|8081"
  "logic-app|logic-app|8082|8082"
  "gateway-app|gateway-app|8080|$MGMT_PORT"
  "fanout-function|task-functions/fanout-function|8091|8091"
  "push-function|task-functions/push-function|8092|8092"
  "audit-function|task-functions/audit-function|8093|8093"
  "index-function|task-functions/index-function|8094|8094"
)

# 与 scripts/system.sh 一致：每安装一份的 JWT 密钥与数据库密码（scripts/secrets.sh）导出给启动的应用；
# logic 签发、网关验签，重启出来的应用必须与其它应用用同一个密钥
# shellcheck source=secrets.sh
. "$ROOT/scripts/secrets.sh"
im_export_secrets

log() { printf '[chaos.sh %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '[chaos.sh] ERROR: %s\n' "$*" >&2; exit 2; }

# 仓库约定的 Maven 锁（/tmp/im-mvn.lock，见 bench/run.sh、scripts/infra.sh）之外，同时拿工作站约定的 /tmp/mvn.lock：
# 两种锁的使用者都不会同时等另一把，嵌套拿不会死锁
mvn_locked() { flock /tmp/im-mvn.lock flock /tmp/mvn.lock mvn -B -q -o "$@"; }

app_entry() {
  local e n
  for e in "${APPS[@]}"; do
    IFS='|' read -r n _ _ <<<"$e"
    if [ "$n" = "$1" ]; then echo "$e"; return 0; fi
  done
  die "unknown app '$1'"
}

# pid 存活且不是僵尸（被 kill -9 的进程在被收尸前 kill -0 仍然成功）
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }
app_pid() { [ -s "$STATE/$1.pid" ] && tr -dc '0-9' <"$STATE/$1.pid" || true; }
# 应用就绪：健康端口的 /health/readiness（新）或 /health，或 HTTP 端口的 /health（管理端口拆出之前的 jar）
health_up() {
  local name="$1" port hport url
  IFS='|' read -r _ _ port hport <<<"$(app_entry "$name")"
  for url in "http://127.0.0.1:$hport/health/readiness" "http://127.0.0.1:$hport/health" "http://127.0.0.1:$port/health"; do
    if curl -fsS --max-time 3 "$url" 2>/dev/null | grep -q '"status":"UP"'; then return 0; fi
  done
  return 1
}

wait_gone() {
  local pid="$1" secs="$2" i
  for ((i = 0; i < secs * 10; i++)); do alive "$pid" || return 0; sleep 0.1; done
  return 1
}

wait_health() {
  local name="$1" secs="${2:-180}" i pid
  for ((i = 0; i < secs * 4; i++)); do
    if health_up "$name"; then log "$name UP"; return 0; fi
    pid="$(app_pid "$name")"
    # pid 文件由被启动的 bash 写出，头一两秒可能还没有
    if [ "$i" -gt 20 ] && ! alive "$pid"; then
      log "$name exited; last log lines:"; tail -n 40 "$STATE/$name.log" || true; return 1
    fi
    sleep 0.25
  done
  log "$name not healthy after ${secs}s; last log lines:"; tail -n 40 "$STATE/$name.log" || true
  return 1
}

# 每个模块 bin/start.sh 里的默认 JVM 参数（${JAVA_OPTS:-...}），不在这里重抄一份
java_opts_of() { sed -n 's/.*JAVA_OPTS:-\([^}]*\)}.*/\1/p' "$ROOT/$1/bin/start.sh" | head -n1; }

snapshot_jar() {
  local name="$1" dir jar
  IFS='|' read -r _ dir _ <<<"$(app_entry "$name")"
  jar="$ROOT/$dir/target/$name-0.1.0-SNAPSHOT.jar"
  [ -f "$jar" ] || die "$jar not built (mvn -B -o -DskipTests install, or run without --no-build)"
  mkdir -p "$SNAP"
  # -p 保留修改时间：报告里写出每个应用 jar 的构建时刻
  cp -p "$jar" "$SNAP/$name.jar.tmp" && mv "$SNAP/$name.jar.tmp" "$SNAP/$name.jar"
  log "snapshot of $name: $jar built $(date -r "$jar" '+%Y-%m-%d %H:%M:%S')"
}

# 从快照启动（不等健康）；fresh=1 时清空日志，否则追加（保留被 kill 前的日志作证据）
start_app() {
  local name="$1" fresh="${2:-0}" dir port pidf logf opts
  IFS='|' read -r _ dir port _ <<<"$(app_entry "$name")"
  pidf="$STATE/$name.pid"
  logf="$STATE/$name.log"
  if alive "$(app_pid "$name")"; then log "$name already running (pid $(app_pid "$name"))"; return 0; fi
  [ -f "$SNAP/$name.jar" ] || snapshot_jar "$name"
  mkdir -p "$STATE"
  [ "$fresh" = 1 ] && : >"$logf"
  printf '\n===== [chaos] %s starting %s from %s =====\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$name" "$SNAP/$name.jar" >>"$logf"
  opts="$(java_opts_of "$dir")"
  rm -f "$pidf"
  # pid 文件里是 java 自己的 pid（bash -c 先写 $$ 再 exec）；setsid 使它自成进程组，system.sh down 能整组停掉
  # shellcheck disable=SC2086
  # 子 shell 只把 java 放到后台就退出：java 由 init 收养，被 kill -9 时不会有 shell 打出 "Killed"
  (cd "$ROOT" || exit 1; IM_HTTP_PORT="$port" setsid nohup bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$pidf" \
    "$JAVA_BIN" $opts -jar "$SNAP/$name.jar" </dev/null >>"$logf" 2>&1 &)
  log "started $name (log $logf)"
}

all_apps_up() {
  local e name
  for e in "${APPS[@]}"; do
    IFS='|' read -r name _ _ _ <<<"$e"
    health_up "$name" || return 1
  done
}

# ---------------------------------------------------------------------------
# 故障动作
# ---------------------------------------------------------------------------
internal() {
  local op="${1:-}" target="${2:-}" pid port
  case "$op" in
    kill9)
      pid="$(app_pid "$target")"
      alive "$pid" || die "$target is not running"
      log "kill -9 $target (pid $pid)"
      kill -KILL "$pid"
      wait_gone "$pid" 10 || die "$target (pid $pid) still alive after SIGKILL"
      rm -f "$STATE/$target.pid"
      ;;
    start)
      start_app "$target" 0
      wait_health "$target" 180 || die "$target did not come back"
      ;;
    stop | cont)
      pid="$(app_pid "$target")"
      alive "$pid" || die "$target is not running"
      log "SIG${op^^} $target (pid $pid)"
      kill "-${op^^}" "$pid"
      ;;
    restart-infra)
      internal stop-infra "$target"
      internal start-infra "$target"
      ;;
    start-infra)
      log "starting $target again with scripts/infra.sh up"
      bash "$ROOT/scripts/infra.sh" up
      ;;
    stop-infra)
      local pidf pattern
      case "$target" in
        kafka) pidf="$INFRA/kafka/kafka.pid" pattern="kafka.Kafka" ;;
        etcd) pidf="$INFRA/etcd/etcd.pid" pattern="etcd" ;;
        mariadb) pidf="$INFRA/mariadb/mariadb.pid" pattern="mariadbd" ;;
        redis) pidf="$INFRA/redis/redis.pid" pattern="redis-server" ;;
        *) die "unknown infrastructure service '$target'" ;;
      esac
      pid="$( [ -s "$pidf" ] && tr -dc '0-9' <"$pidf" || true)"
      if ! alive "$pid" || ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$pattern"; then
        die "$target: no live process from $pidf"
      fi
      log "stopping $target (pid $pid, SIGTERM)"
      kill -TERM "$pid"
      if ! wait_gone "$pid" 90; then
        log "$target did not stop in 90 s, SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        wait_gone "$pid" 10 || true
      fi
      log "$target stopped"
      ;;
    flush-redis)
      log "redis-cli FLUSHALL"
      redis-cli -h 127.0.0.1 -p 6379 FLUSHALL
      ;;
    *) die "unknown internal command '$op'" ;;
  esac
}

# ---------------------------------------------------------------------------
# 入口
# ---------------------------------------------------------------------------
STARTED_APPS=0
KEEP_UP=0

cleanup() {
  local e name pid
  # 中途退出时不能把进程留在 SIGSTOP 状态
  for e in "${APPS[@]}"; do
    IFS='|' read -r name _ _ <<<"$e"
    pid="$(app_pid "$name")"
    alive "$pid" && kill -CONT "$pid" 2>/dev/null || true
  done
  # 应用日志留一份：下次启动会清空它们，出问题时要靠它们定位
  if ls "$STATE"/*.log >/dev/null 2>&1; then
    local keep
    keep="$OUT/logs-$(date +%Y%m%d-%H%M%S)"
    mkdir -p "$keep" && cp "$STATE"/*.log "$keep"/ && log "app logs copied to $keep"
  fi
  if [ "$STARTED_APPS" = 1 ] && [ "$KEEP_UP" = 0 ]; then
    log "stopping the apps this script started (bash scripts/system.sh down)"
    bash "$ROOT/scripts/system.sh" down || true
  fi
}

main() {
  local variant=full build=auto a pass=()
  for a in "$@"; do
    case "$a" in
      --short) variant=short ;;
      --full) variant=full ;;
      --keep-up) KEEP_UP=1 ;;
      --no-build) build=no ;;
      --build) build=yes ;;
      -h | --help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
      *) pass+=("$a") ;;
    esac
  done
  local t0=$SECONDS

  # bench jar：与 bench/run.sh 相同，源码比 jar 新（或没有 jar）时重建
  if [ ! -f "$BENCH_JAR" ] || [ -n "$(find "$ROOT/bench/src/main" "$ROOT/bench/pom.xml" -newer "$BENCH_JAR" -print -quit)" ]; then
    log "building the bench module"
    (cd "$ROOT" && mvn_locked install -pl bench -DskipTests)
  fi

  trap cleanup EXIT
  if all_apps_up && bash "$ROOT/scripts/infra.sh" status >/dev/null 2>&1; then
    log "system already running; app restarts after faults use snapshots of the current target/*.jar"
    for a in "${APPS[@]}"; do IFS='|' read -r name _ _ <<<"$a"; snapshot_jar "$name"; done
  else
    log "bringing the system up"
    bash "$ROOT/scripts/infra.sh" up
    local stale=0 e name dir jar
    for e in "${APPS[@]}"; do
      IFS='|' read -r name dir _ <<<"$e"
      jar="$ROOT/$dir/target/$name-0.1.0-SNAPSHOT.jar"
      if [ ! -f "$jar" ] || [ -n "$(find "$ROOT/$dir/src/main" "$ROOT/$dir/pom.xml" "$ROOT/service-runtime/src/main" \
          "$ROOT/proto/src" -newer "$jar" -print -quit 2>/dev/null)" ]; then stale=1; fi
    done
    if [ "$build" = yes ] || { [ "$build" = auto ] && [ "$stale" = 1 ]; }; then
      log "building the apps (mvn -o -DskipTests install; jars older than their sources)"
      (cd "$ROOT" && mvn_locked -DskipTests install)
    fi
    STARTED_APPS=1
    for e in "${APPS[@]}"; do
      IFS='|' read -r name _ _ _ <<<"$e"
      # 已在运行的也取快照：故障后重启它时不能用上一次运行留下的旧快照
      snapshot_jar "$name"
      if health_up "$name"; then log "$name already UP"; continue; fi
      start_app "$name" 1
      if [ "$name" = repo-app ]; then wait_health "$name" 180 || die "repo-app did not start"; fi
    done
    for e in "${APPS[@]}"; do
      IFS='|' read -r name _ _ _ <<<"$e"
      wait_health "$name" 180 || die "$name did not start"
    done
    log "system up after $((SECONDS - t0)) s"
  fi

  ulimit -n 65536 2>/dev/null || true
  local rc=0
  set +e
  # shellcheck disable=SC2086
  "$JAVA_BIN" ${CHAOS_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseSerialGC} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$BENCH_JAR" com.acme.im.bench.chaos.ChaosMain "$variant" --root="$ROOT" \
    --command="bash scripts/chaos.sh $*" "${pass[@]}"
  rc=$?
  set -e
  log "finished in $((SECONDS - t0)) s with exit code $rc ($([ $rc = 0 ] && echo PASS || echo FAIL))"
  exit $rc
}

if [ "${1:-}" = internal ]; then
  shift
  internal "$@"
else
  main "$@"
fi
