#!/usr/bin/env bash
# 在本机（无 Docker）启动真实的基础设施进程，供测试与本地运行使用：
#   Kafka 4.1 (KRaft 单节点, :9092/:9093)  MariaDB 10.11 (:3306)  Redis 7 (:6379)
#   etcd 3.4 (:2379/:2380)                 Elasticsearch 8.19 (:9200/:9300)
#   S3Proxy 2.6 (:9000，S3 兼容对象存储，filesystem 后端，桶 im-files；Maven Central 的 org.gaul:s3proxy)
# 所有状态都在 <repo>/.infra/ 下（可用 IM_INFRA_DIR 覆盖）。进程以 setsid/nohup 脱离当前 shell。
#
# 用法:
#   scripts/infra.sh up              启动（幂等：已在运行的直接复用），等待全部就绪
#   scripts/infra.sh down            只停止本脚本启动的进程（按 pid 文件）
#   scripts/infra.sh down --purge    停止并删除数据目录（保留已下载的 jar/zip，下次 up 仍然很快）
#   scripts/infra.sh down --purge-all  停止并删除全部下载与数据
#   scripts/infra.sh status          每个服务一行：状态、端口、pid（全部 up 时退出码 0）
#   scripts/infra.sh fetch           只准备 Kafka jar、Elasticsearch 发行包与 S3Proxy jar，不启动任何进程
#
# 环境变量: IM_INFRA_DIR（状态目录）, IM_DB_PASSWORD（MariaDB 用户 im 的密码，默认每个安装生成一份，见 scripts/secrets.sh）,
#           IM_M2_REPO（本地 Maven 仓库，默认 ~/.m2/repository；ES zip 已在其中时直接解压，不调用 Maven）
# 有 Docker 的人可以改用仓库根目录的 localstack-compose.yml（同样的端口与凭据）。
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INFRA="${IM_INFRA_DIR:-$ROOT/.infra}"
# MariaDB 用户 im 的密码：每个安装一份的随机值（scripts/secrets.sh，.infra/secrets/db-password），IM_DB_PASSWORD 优先
# shellcheck source=secrets.sh
. "$ROOT/scripts/secrets.sh"
DB_PASSWORD="${IM_DB_PASSWORD:-$(im_secret db-password)}"
# S3Proxy 的访问密钥：每个安装一份（.infra/secrets/s3-secret-key），IM_S3_SECRET_KEY 优先；访问密钥 ID 是固定的公开值
S3_SECRET_KEY="${IM_S3_SECRET_KEY:-$(im_secret s3-secret-key)}"
S3_ACCESS_KEY="${IM_S3_ACCESS_KEY:-im-local}"
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

HOST=127.0.0.1
KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
MARIADB_PORT=3306
REDIS_PORT=6379
ETCD_PORT=2379
ETCD_PEER_PORT=2380
ES_PORT=9200
ES_TRANSPORT_PORT=9300
S3_PORT=9000
# 应用 im.storage.bucket 的默认值；启动前建成 filesystem 后端里的同名目录
S3_BUCKET=im-files

# 就绪超时（秒）
KAFKA_TIMEOUT=90
MARIADB_TIMEOUT=60
REDIS_TIMEOUT=20
ETCD_TIMEOUT=30
ES_TIMEOUT=150
S3_TIMEOUT=60

ES_USER=imes
MVN_LOCK=/tmp/im-mvn.lock

KAFKA_TOPICS=(
  "im-upstream-topic:6"
  "im-task-fanout:3"
  "im-task-push:3"
  "im-task-audit:3"
  "im-task-index:3"
  "im-task-dead-letter:1"
  "im-session-revocations:3"
)

KDIR="$INFRA/kafka"
MDIR="$INFRA/mariadb"
RDIR="$INFRA/redis"
EDIR="$INFRA/etcd"
SDIR="$INFRA/elasticsearch"
DLDIR="$INFRA/downloads"
S3DIR="$INFRA/s3"

SERVICES=(mariadb redis etcd kafka elasticsearch s3)

# ---------------------------------------------------------------------------
# 通用工具
# ---------------------------------------------------------------------------
T0=$(date +%s.%N)
elapsed() { awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN { printf "%5.1fs", b - a }'; }
log() { printf '[infra %s] %s\n' "$(elapsed)" "$*"; }
warn() { printf '[infra %s] WARNING: %s\n' "$(elapsed)" "$*" >&2; }
die() { printf '[infra %s] ERROR: %s\n' "$(elapsed)" "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

if [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]; then
  JAVA_HOME_17=/usr/lib/jvm/java-17-openjdk-amd64
  JAVA="$JAVA_HOME_17/bin/java"
else
  JAVA="$(command -v java || true)"
  JAVA_HOME_17=""
  if [ -n "$JAVA" ]; then JAVA_HOME_17="$(dirname "$(dirname "$(readlink -f "$JAVA")")")"; fi
fi

# 端口是否有人监听（不依赖 nc）
port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null; }

# 监听该端口的进程 pid（需要 ss；看不到时输出为空）
port_pids() {
  command -v ss >/dev/null 2>&1 || return 0
  ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u || true
}

read_pid() { [ -s "$1" ] && tr -dc '0-9' <"$1" || true; }

# pid 存活且命令行包含指定模式（防止 pid 复用误判）
pid_matches() {
  local pid="$1" pattern="$2"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$pattern"
}

# 端口上的监听者是否是 pid（或其子进程）；无法判断时视为是
port_owned_by() {
  local port="$1" pid="$2" owners p
  owners="$(port_pids "$port")"
  [ -z "$owners" ] && return 0
  for p in $owners; do
    [ "$p" = "$pid" ] && return 0
    [ "$(awk '{print $4}' "/proc/$p/stat" 2>/dev/null)" = "$pid" ] && return 0
  done
  return 1
}

describe_port_owner() {
  local port="$1" p out=""
  for p in $(port_pids "$port"); do
    out+=" pid $p ($(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | cut -c1-100))"
  done
  [ -n "$out" ] && echo "$out" || echo " an unknown process"
}

tail_log() {
  local f
  for f in "$@"; do
    if [ -s "$f" ]; then
      echo "----- last lines of $f -----" >&2
      tail -n 40 "$f" >&2
      echo "-----" >&2
    fi
  done
}

# 进程已不存在或已是僵尸（等待收尸）
pid_gone() {
  kill -0 "$1" 2>/dev/null || return 0
  [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ]
}

# 等待 pid 退出，超时后 SIGKILL（调用前已发送 SIGTERM）
wait_exit() {
  local name="$1" pid="$2" timeout="${3:-30}" i
  for ((i = 0; i < timeout * 10; i++)); do
    pid_gone "$pid" && return 0
    sleep 0.1
  done
  warn "$name (pid $pid) did not exit after ${timeout}s, sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  sleep 0.5
}

root_pom_property() {
  sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -n1
}

# 在共享的 Maven 锁里（与其他人的 `flock /tmp/im-mvn.lock mvn ...` 互斥）依次运行若干条 mvn 命令。
# 参数: 每条命令是一个字符串 "日志文件|mvn 参数..."（参数里不含 '|'）
run_maven_locked() {
  command -v mvn >/dev/null 2>&1 || die "mvn not found (apt-get install -y maven)"
  exec 8>>"$MVN_LOCK"
  if ! flock -n 8; then
    log "waiting for the shared Maven lock $MVN_LOCK (another Maven build is running) ..."
    flock 8
  fi
  local c logf args
  for c in "$@"; do
    logf="${c%%|*}"
    read -r -a args <<<"${c#*|}"
    if ! mvn -B -q -ntp "${args[@]}" >"$logf" 2>&1 8>&-; then
      flock -u 8
      exec 8>&-
      tail_log "$logf"
      die "Maven failed: mvn ${args[*]}"
    fi
  done
  flock -u 8
  exec 8>&-
}

# ---------------------------------------------------------------------------
# 安装缺失的 Debian 包（全新机器）
# ---------------------------------------------------------------------------
ensure_packages() {
  local pkgs=()
  command -v mariadbd >/dev/null 2>&1 && command -v mariadb-install-db >/dev/null 2>&1 || pkgs+=(mariadb-server)
  command -v mariadb >/dev/null 2>&1 && command -v mariadb-admin >/dev/null 2>&1 || pkgs+=(mariadb-client)
  command -v redis-server >/dev/null 2>&1 || pkgs+=(redis-server)
  command -v redis-cli >/dev/null 2>&1 || pkgs+=(redis-tools)
  command -v etcd >/dev/null 2>&1 || pkgs+=(etcd-server)
  command -v etcdctl >/dev/null 2>&1 || pkgs+=(etcd-client)
  command -v unzip >/dev/null 2>&1 || pkgs+=(unzip)
  command -v curl >/dev/null 2>&1 || pkgs+=(curl)
  command -v ss >/dev/null 2>&1 || pkgs+=(iproute2)
  command -v flock >/dev/null 2>&1 && command -v setpriv >/dev/null 2>&1 || pkgs+=(util-linux)
  [ -n "$JAVA" ] || pkgs+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || pkgs+=(maven)
  [ ${#pkgs[@]} -eq 0 ] && return 0

  if ! is_root; then
    die "missing packages: ${pkgs[*]} -- install them first: sudo apt-get install -y ${pkgs[*]}"
  fi
  log "installing Debian packages: ${pkgs[*]} (apt-get update + install) ..."
  local aptlog="$INFRA/apt.log"
  if ! DEBIAN_FRONTEND=noninteractive apt-get update >"$aptlog" 2>&1; then
    tail_log "$aptlog"
    die "apt-get update failed"
  fi
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${pkgs[@]}" >>"$aptlog" 2>&1; then
    tail_log "$aptlog"
    die "apt-get install ${pkgs[*]} failed"
  fi
  # Debian 的 postinst 可能启动系统服务（有 policy-rc.d 时不会）；防御性地只停掉刚装的包的系统服务。
  # 注意：不能调用 `service X stop`——etcd/mariadb 的 init.d 脚本会按可执行文件名杀掉（killall /
  # start-stop-daemon --exec）本机所有 etcd/mariadbd 进程，包括别人的。这里只停 systemd 单元或
  # 系统服务自己的 pid 文件里的进程。
  local pkg unit pidf spid
  for pkg in "${pkgs[@]}"; do
    case "$pkg" in
      mariadb-server) unit=mariadb pidf=/run/mysqld/mysqld.pid ;;
      redis-server) unit=redis-server pidf=/run/redis/redis-server.pid ;;
      etcd-server) unit=etcd pidf=/run/etcd.pid ;;
      *) continue ;;
    esac
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
      systemctl stop "$unit" >/dev/null 2>&1 || true
      systemctl disable "$unit" >/dev/null 2>&1 || true
    else
      spid="$(read_pid "$pidf")"
      if [ -n "$spid" ] && kill -0 "$spid" 2>/dev/null; then
        log "stopping system service $unit (pid $spid) started by the package install"
        kill -TERM "$spid" 2>/dev/null || true
        wait_exit "$unit" "$spid" 30
      fi
    fi
  done
  if [ -z "$JAVA" ] && [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]; then
    JAVA_HOME_17=/usr/lib/jvm/java-17-openjdk-amd64
    JAVA="$JAVA_HOME_17/bin/java"
  fi
  log "packages installed"
}

# ---------------------------------------------------------------------------
# MariaDB
# ---------------------------------------------------------------------------
mariadb_pidfile() { echo "$MDIR/mariadb.pid"; }
mariadb_logs() { echo "$MDIR/mariadb.log"; }
mariadb_pattern() { echo "mariadbd"; }
mariadb_port() { echo "$MARIADB_PORT"; }
mariadb_ports() { echo "$MARIADB_PORT"; }
mariadb_ready() {
  mariadb-admin --no-defaults --protocol=socket --socket="$MDIR/mysqld.sock" -uroot \
    --connect-timeout=2 ping >/dev/null 2>&1 && port_open "$MARIADB_PORT"
}

mariadb_start() {
  mkdir -p "$MDIR/tmp"
  local user_args=()
  is_root && user_args=(--user=root)
  if [ ! -d "$MDIR/data/mysql" ]; then
    log "mariadb: initializing data directory $MDIR/data"
    rm -rf "$MDIR/data"
    if ! mariadb-install-db --no-defaults --datadir="$MDIR/data" "${user_args[@]}" \
        --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
        >"$MDIR/install-db.log" 2>&1; then
      tail_log "$MDIR/install-db.log"
      rm -rf "$MDIR/data"
      die "mariadb-install-db failed"
    fi
  fi
  rm -f "$MDIR/mysqld.sock" "$MDIR/mariadb.pid"
  setsid nohup mariadbd --no-defaults \
    --datadir="$MDIR/data" --tmpdir="$MDIR/tmp" \
    --port="$MARIADB_PORT" --bind-address="$HOST" \
    --socket="$MDIR/mysqld.sock" --pid-file="$MDIR/mariadb.pid" --log-error="$MDIR/mariadb.log" \
    "${user_args[@]}" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --max-connections=500 --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=2 \
    --skip-name-resolve --skip-log-bin \
    >"$MDIR/mariadbd.out" 2>&1 </dev/null &
  # mariadbd 自己写 pid 文件；先记下启动的 pid，避免它在写 pid 文件前就退出时判断不到
  echo $! >"$MDIR/mariadb.pid"
}

sql_escape() { local s="${1//\\/\\\\}"; printf '%s' "${s//\'/\\\'}"; }

mariadb_post() {
  local pw sql h
  pw="$(sql_escape "$DB_PASSWORD")"
  sql="DROP USER IF EXISTS ''@'localhost';"
  sql+="CREATE DATABASE IF NOT EXISTS im CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
  sql+="CREATE DATABASE IF NOT EXISTS im_test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
  for h in '%' 'localhost' '127.0.0.1'; do
    sql+="CREATE USER IF NOT EXISTS 'im'@'$h' IDENTIFIED BY '$pw';"
    sql+="ALTER USER 'im'@'$h' IDENTIFIED BY '$pw';"
    sql+="GRANT ALL PRIVILEGES ON \`im\`.* TO 'im'@'$h';"
    sql+="GRANT ALL PRIVILEGES ON \`im_test\`.* TO 'im'@'$h';"
    # 测试可能为隔离自建 im_test_xxx 库
    sql+="GRANT ALL PRIVILEGES ON \`im\\_test\\_%\`.* TO 'im'@'$h';"
  done
  sql+="FLUSH PRIVILEGES;"
  if ! mariadb --no-defaults --protocol=socket --socket="$MDIR/mysqld.sock" -uroot -e "$sql" \
      >"$MDIR/setup.log" 2>&1; then
    tail_log "$MDIR/setup.log"
    die "mariadb: creating databases/users failed"
  fi
  if ! mariadb --no-defaults -h"$HOST" -P"$MARIADB_PORT" -uim -p"$DB_PASSWORD" im -e 'select 1' >/dev/null 2>&1; then
    die "mariadb: user im cannot log in over TCP $HOST:$MARIADB_PORT"
  fi
  log "mariadb: databases im, im_test and user im ready"
}

# ---------------------------------------------------------------------------
# Redis
# ---------------------------------------------------------------------------
redis_pidfile() { echo "$RDIR/redis.pid"; }
redis_logs() { echo "$RDIR/redis.log"; }
redis_pattern() { echo "redis-server"; }
redis_port() { echo "$REDIS_PORT"; }
redis_ports() { echo "$REDIS_PORT"; }
redis_ready() {
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]
  else
    timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$REDIS_PORT; printf 'PING\r\n' >&3; head -c5 <&3" 2>/dev/null | grep -q PONG
  fi
}
redis_start() {
  mkdir -p "$RDIR"
  rm -f "$RDIR/redis.pid"
  if ! redis-server --port "$REDIS_PORT" --bind "$HOST" --save '' --appendonly no \
      --daemonize yes --pidfile "$RDIR/redis.pid" --logfile "$RDIR/redis.log" --dir "$RDIR" \
      >"$RDIR/redis-start.out" 2>&1 </dev/null; then
    tail_log "$RDIR/redis-start.out" "$RDIR/redis.log"
    die "redis-server failed to start"
  fi
}
redis_post() { :; }

# ---------------------------------------------------------------------------
# etcd
# ---------------------------------------------------------------------------
etcd_pidfile() { echo "$EDIR/etcd.pid"; }
etcd_logs() { echo "$EDIR/etcd.log"; }
etcd_pattern() { echo "etcd"; }
etcd_port() { echo "$ETCD_PORT"; }
etcd_ports() { echo "$ETCD_PORT $ETCD_PEER_PORT"; }
etcd_ready() {
  if command -v etcdctl >/dev/null 2>&1; then
    ETCDCTL_API=3 etcdctl --endpoints="$HOST:$ETCD_PORT" --dial-timeout=2s --command-timeout=2s \
      endpoint health >/dev/null 2>&1
  else
    curl -fsS --max-time 2 "http://$HOST:$ETCD_PORT/health" 2>/dev/null | grep -q '"health":"true"'
  fi
}
etcd_start() {
  mkdir -p "$EDIR"
  setsid nohup etcd --name im-etcd --data-dir "$EDIR/data" \
    --listen-client-urls "http://$HOST:$ETCD_PORT" --advertise-client-urls "http://$HOST:$ETCD_PORT" \
    --listen-peer-urls "http://$HOST:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://$HOST:$ETCD_PEER_PORT" \
    --initial-cluster "im-etcd=http://$HOST:$ETCD_PEER_PORT" --initial-cluster-state new \
    --initial-cluster-token im-etcd-local \
    >"$EDIR/etcd.log" 2>&1 </dev/null &
  echo $! >"$EDIR/etcd.pid"
}
etcd_post() { :; }

# ---------------------------------------------------------------------------
# Kafka (KRaft, broker+controller 合一)
# ---------------------------------------------------------------------------
kafka_pidfile() { echo "$KDIR/kafka.pid"; }
kafka_logs() { echo "$KDIR/kafka.log"; }
kafka_pattern() { echo "kafka.Kafka"; }
kafka_port() { echo "$KAFKA_PORT"; }
kafka_ports() { echo "$KAFKA_PORT $KAFKA_CONTROLLER_PORT"; }
kafka_ready() { port_open "$KAFKA_PORT"; }

kafka_libs_ready() { [ -f "$KDIR/libs/.complete-$(root_pom_property kafka.server.version)" ]; }

kafka_install_libs() {
  local version
  version="$(root_pom_property kafka.server.version)"
  [ -f "$KDIR/libs.tmp/kafka_2.13-$version.jar" ] || die "kafka: jars missing after Maven fetch"
  touch "$KDIR/libs.tmp/.complete-$version"
  rm -rf "$KDIR/libs"
  mv "$KDIR/libs.tmp" "$KDIR/libs"
  log "kafka: $(ls "$KDIR/libs"/*.jar | wc -l) jars ready in $KDIR/libs"
}

kafka_java_opts() {
  echo "-Xms256m -Xmx256m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35" \
    "-XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true" \
    "-Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS" \
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=info -Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn"
}

# 与 kafka-storage random-uuid 相同的格式（16 字节随机数的 base64url，不以 '-' 开头），省一次 JVM 启动
kafka_random_uuid() {
  local id
  while true; do
    id="$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    case "$id" in -* | AAAAAAAAAAAAAAAAAAAAA*) continue ;; esac
    echo "$id"
    return
  done
}

kafka_start() {
  [ -n "$JAVA" ] || die "java not found"
  mkdir -p "$KDIR/data"
  cat >"$KDIR/server.properties" <<EOF
# 由 scripts/infra.sh 生成（每次启动覆盖）
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KDIR/data
num.partitions=6
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
auto.create.topics.enable=true
delete.topic.enable=true
group.initial.rebalance.delay.ms=0
log.cleaner.dedupe.buffer.size=8388608
log.retention.hours=24
# 本机只有两三个核：请求在网络线程与处理线程之间每交接一次就是一次上下文切换，线程数按核数配
num.network.threads=1
num.io.threads=2
group.coordinator.threads=1
EOF
  if [ ! -f "$KDIR/data/meta.properties" ]; then
    local cid
    cid="$(kafka_random_uuid)"
    [ -n "$cid" ] || die "kafka: could not generate a cluster id"
    log "kafka: formatting storage (cluster id $cid)"
    if ! "$JAVA" -Xmx128m -cp "$KDIR/libs/*" kafka.tools.StorageTool format --ignore-formatted \
        -t "$cid" -c "$KDIR/server.properties" >"$KDIR/format.log" 2>&1; then
      tail_log "$KDIR/format.log"
      die "kafka: StorageTool format failed"
    fi
  fi
  # shellcheck disable=SC2046
  setsid nohup "$JAVA" $(kafka_java_opts) -cp "$KDIR/libs/*" kafka.Kafka "$KDIR/server.properties" \
    >"$KDIR/kafka.log" 2>&1 </dev/null &
  echo $! >"$KDIR/kafka.pid"
}

kafka_post() {
  local specs=() t
  for t in "${KAFKA_TOPICS[@]}"; do specs+=("$t"); done
  local src="$ROOT/scripts/infra/kafka/EnsureTopics.java" javac
  javac="$(dirname "$(readlink -f "$JAVA")")/javac"
  # 编译一次缓存到 .infra/kafka/tools（源码更新时重编）
  if [ -x "$javac" ] && { [ "$KDIR/tools/EnsureTopics.class" -nt "$src" ] ||
      "$javac" -nowarn -d "$KDIR/tools" -cp "$KDIR/libs/*" "$src" >"$KDIR/tools-javac.log" 2>&1; }; then
    if ! "$JAVA" -Xmx128m -XX:TieredStopAtLevel=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        -cp "$KDIR/tools:$KDIR/libs/*" EnsureTopics "$HOST:$KAFKA_PORT" "$KAFKA_TIMEOUT" "${specs[@]}" \
        >"$KDIR/topics.log" 2>&1; then
      tail_log "$KDIR/topics.log" "$KDIR/kafka.log"
      die "kafka: creating topics failed"
    fi
    grep -E '^(created|increasing)' "$KDIR/topics.log" | sed 's/^/[infra]   kafka: /' || true
  else
    # 没有 javac（只有 JRE）或编译失败时退回到 TopicCommand，每个主题一个 JVM
    local name parts
    for t in "${specs[@]}"; do
      name="${t%%:*}"
      parts="${t##*:}"
      if ! "$JAVA" -Xmx128m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$KDIR/libs/*" \
          org.apache.kafka.tools.TopicCommand --bootstrap-server "$HOST:$KAFKA_PORT" \
          --create --if-not-exists --topic "$name" --partitions "$parts" --replication-factor 1 \
          >>"$KDIR/topics.log" 2>&1; then
        tail_log "$KDIR/topics.log"
        die "kafka: creating topic $name failed"
      fi
    done
  fi
  log "kafka: topics ready: ${KAFKA_TOPICS[*]}"
}

# ---------------------------------------------------------------------------
# Elasticsearch（Maven Central 上的 integ-test-zip；拒绝以 root 运行，所以 root 时用 imes 用户）
# ---------------------------------------------------------------------------
es_version() { root_pom_property elasticsearch.server.version; }
es_home() { echo "$SDIR/dist/elasticsearch-$(es_version)"; }
elasticsearch_pidfile() { echo "$SDIR/run/es.pid"; }
elasticsearch_logs() { echo "$SDIR/startup.log $SDIR/logs/im-es.log"; }
elasticsearch_pattern() { echo "org.elasticsearch"; }
elasticsearch_port() { echo "$ES_PORT"; }
elasticsearch_ports() { echo "$ES_PORT $ES_TRANSPORT_PORT"; }
elasticsearch_ready() {
  curl -fsS --max-time 3 "http://$HOST:$ES_PORT/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1
}

es_zip_in_m2() {
  local v
  v="$(es_version)"
  echo "${IM_M2_REPO:-$HOME/.m2/repository}/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$v/elasticsearch-$v.zip"
}

es_unpack() {
  local zip="$1" version
  version="$(es_version)"
  log "elasticsearch: unpacking $zip"
  rm -rf "$SDIR/dist.tmp"
  mkdir -p "$SDIR/dist.tmp" "$SDIR/dist"
  unzip -q "$zip" -d "$SDIR/dist.tmp" || die "elasticsearch: unzip of $zip failed"
  rm -rf "$(es_home)"
  mv "$SDIR/dist.tmp/elasticsearch-$version" "$(es_home)"
  rm -rf "$SDIR/dist.tmp"
  # 由 Maven 拷贝出来的 zip 解压后删掉（约 100 MB；~/.m2 里还有一份）
  rm -f "$DLDIR/elasticsearch-$version.zip"
  if is_root; then chown -R "$ES_USER:" "$(es_home)" 2>/dev/null || true; fi
}

ensure_es_user() {
  is_root || return 0
  if ! id "$ES_USER" >/dev/null 2>&1; then
    log "elasticsearch: creating system user $ES_USER (Elasticsearch refuses to run as root)"
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ES_USER" \
      || die "useradd $ES_USER failed"
  fi
  # imes 需要能进入状态目录
  local d="$INFRA"
  while [ "$d" != "/" ]; do
    if ! setpriv --reuid="$ES_USER" --regid="$(id -g "$ES_USER")" --clear-groups test -x "$d" 2>/dev/null; then
      die "elasticsearch: user $ES_USER cannot access $d (set IM_INFRA_DIR to a world-traversable directory)"
    fi
    d="$(dirname "$d")"
  done
}

elasticsearch_start() {
  [ -n "$JAVA_HOME_17" ] || die "no JDK found for Elasticsearch"
  ensure_es_user
  local home
  home="$(es_home)"
  mkdir -p "$SDIR/data" "$SDIR/logs" "$SDIR/tmp" "$SDIR/run"
  cat >"$home/config/elasticsearch.yml" <<EOF
# 由 scripts/infra.sh 生成（每次启动覆盖）
cluster.name: im-es
node.name: im-es-1
discovery.type: single-node
xpack.security.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
network.host: $HOST
http.host: $HOST
http.port: $ES_PORT
transport.port: $ES_TRANSPORT_PORT
path.data: $SDIR/data
path.logs: $SDIR/logs
action.destructive_requires_name: false
EOF
  rm -f "$SDIR/run/es.pid"
  local run_as=()
  if is_root; then
    chown -R "$ES_USER:" "$SDIR/data" "$SDIR/logs" "$SDIR/tmp" "$SDIR/run" "$home/config"
    run_as=(setpriv --reuid="$ES_USER" --regid="$(id -g "$ES_USER")" --clear-groups)
  fi
  (
    cd "$SDIR"
    setsid nohup "${run_as[@]}" env HOME="$SDIR/tmp" ES_JAVA_HOME="$JAVA_HOME_17" ES_TMPDIR="$SDIR/tmp" \
      ES_JAVA_OPTS="-Xms256m -Xmx256m" \
      "$home/bin/elasticsearch" -d -p "$SDIR/run/es.pid" >"$SDIR/startup.log" 2>&1 </dev/null &
    echo $! >"$SDIR/run/launcher.pid"
  )
}
elasticsearch_post() { :; }

# ---------------------------------------------------------------------------
# S3Proxy（S3 兼容对象存储；Maven Central 上的 jar-with-dependencies，java -jar 运行，jclouds filesystem 后端）
# 文件与图片消息经预签名 URL 直传这里（SigV4，path-style）；桶即 $S3DIR/data 下的目录，启动前建好
# ---------------------------------------------------------------------------
s3_version() { root_pom_property s3proxy.server.version; }
s3_jar() { echo "$S3DIR/s3proxy-$(s3_version)-jar-with-dependencies.jar"; }
s3_jar_in_m2() {
  local v
  v="$(s3_version)"
  echo "${IM_M2_REPO:-$HOME/.m2/repository}/org/gaul/s3proxy/$v/s3proxy-$v-jar-with-dependencies.jar"
}
s3_pidfile() { echo "$S3DIR/s3proxy.pid"; }
s3_logs() { echo "$S3DIR/s3proxy.log"; }
s3_pattern() { echo "s3proxy"; }
s3_port() { echo "$S3_PORT"; }
s3_ports() { echo "$S3_PORT"; }
# 未签名请求也会得到一个 HTTP 应答（403 AccessDenied 等）：有应答即就绪
s3_ready() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://$HOST:$S3_PORT/$S3_BUCKET" 2>/dev/null || true)"
  [ -n "$code" ] && [ "$code" != 000 ]
}
s3_start() {
  [ -n "$JAVA" ] || die "java not found"
  [ -s "$(s3_jar)" ] || die "s3: $(s3_jar) missing (run 'scripts/infra.sh fetch')"
  mkdir -p "$S3DIR/data/$S3_BUCKET" "$S3DIR/tmp"
  # jclouds filesystem 后端把“其他用户可读”的目录与文件当作 public-read（匿名可列举、可下载）：
  # 数据目录只给属主，S3Proxy 也以 umask 077 运行，写入的对象同样只有属主可读
  chmod -R go-rwx "$S3DIR/data"
  (
    umask 077
    cat >"$S3DIR/s3proxy.conf" <<EOF
# 由 scripts/infra.sh 生成（每次启动覆盖）；含本安装的访问密钥，只有属主可读
s3proxy.endpoint=http://$HOST:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS_KEY
s3proxy.credential=$S3_SECRET_KEY
# 浏览器直传（web 客户端）需要跨域
s3proxy.cors-allow-all=true
jclouds.provider=filesystem
jclouds.filesystem.basedir=$S3DIR/data
EOF
    setsid nohup "$JAVA" -Xms64m -Xmx256m -Djava.io.tmpdir="$S3DIR/tmp" -jar "$(s3_jar)" \
      --properties "$S3DIR/s3proxy.conf" >"$S3DIR/s3proxy.log" 2>&1 </dev/null &
    echo $! >"$S3DIR/s3proxy.pid"
  )
}
s3_post() { log "s3: bucket $S3_BUCKET ready (access key id $S3_ACCESS_KEY, secret key in .infra/secrets/s3-secret-key)"; }

# ---------------------------------------------------------------------------
# 通用的状态判断 / 启动 / 等待
# ---------------------------------------------------------------------------
svc_pid() {
  local pid
  pid="$(read_pid "$("$1"_pidfile)")"
  if pid_matches "$pid" "$("$1"_pattern)"; then echo "$pid"; fi
}

# 进程是否还活着（ES 在写 pid 文件前由 launcher 代表）
svc_alive() {
  [ -n "$(svc_pid "$1")" ] && return 0
  if [ "$1" = elasticsearch ]; then
    local lp
    lp="$(read_pid "$SDIR/run/launcher.pid")"
    [ -n "$lp" ] && kill -0 "$lp" 2>/dev/null && return 0
  fi
  return 1
}

# 输出: up | starting | foreign:<port> | down
svc_state() {
  local s="$1" pid port
  pid="$(svc_pid "$s")"
  # ES 的 launcher 还在、服务端 pid 文件尚未写出：视为启动中
  if [ -z "$pid" ] && svc_alive "$s"; then
    echo starting
    return
  fi
  for port in $("$s"_ports); do
    if port_open "$port"; then
      if [ -z "$pid" ] || ! port_owned_by "$port" "$pid"; then
        echo "foreign:$port"
        return
      fi
    fi
  done
  if [ -n "$pid" ]; then
    if port_open "$("$s"_port)"; then echo up; else echo starting; fi
  else
    echo down
  fi
}

wait_ready() {
  local s="$1" timeout="$2" start now next_note=10
  start=$(date +%s)
  log "$s: waiting until ready (timeout ${timeout}s) ..."
  while true; do
    if "$s"_ready; then
      log "$s: ready on $HOST:$("$s"_port) after $(($(date +%s) - start))s"
      return 0
    fi
    now=$(date +%s)
    if ! svc_alive "$s"; then
      # shellcheck disable=SC2046
      tail_log $("$s"_logs)
      die "$s: process exited before becoming ready"
    fi
    if ((now - start >= timeout)); then
      # shellcheck disable=SC2046
      tail_log $("$s"_logs)
      die "$s: not ready after ${timeout}s"
    fi
    if ((now - start >= next_note)); then
      log "$s: still waiting ($((now - start))s)"
      next_note=$((next_note + 10))
    fi
    sleep 0.3
  done
}

timeout_of() {
  case "$1" in
    kafka) echo "$KAFKA_TIMEOUT" ;;
    mariadb) echo "$MARIADB_TIMEOUT" ;;
    redis) echo "$REDIS_TIMEOUT" ;;
    etcd) echo "$ETCD_TIMEOUT" ;;
    elasticsearch) echo "$ES_TIMEOUT" ;;
    s3) echo "$S3_TIMEOUT" ;;
  esac
}

take_lock() {
  mkdir -p "$INFRA"
  exec 9>"$INFRA/.infra.lock"
  if ! flock -n 9; then
    log "another 'infra.sh up/down' is running; waiting for it ..."
    flock -w 600 9 || die "timed out waiting for $INFRA/.infra.lock"
  fi
}

# 冷启动时准备 Kafka jar 与 Elasticsearch 发行包；需要 Maven 时在一次加锁里完成
fetch_artifacts() {
  local want_kafka="$1" want_es="$2" want_s3="${3:-1}" kversion esversion cmds=()
  kversion="$(root_pom_property kafka.server.version)"
  esversion="$(es_version)"
  [ -n "$kversion" ] || die "kafka.server.version not found in $ROOT/pom.xml"
  [ -n "$esversion" ] || die "elasticsearch.server.version not found in $ROOT/pom.xml"
  local need_kafka=0 es_zip=""
  if [ "$want_kafka" = 1 ] && ! kafka_libs_ready; then
    need_kafka=1
    mkdir -p "$KDIR"
    rm -rf "$KDIR/libs.tmp"
    log "kafka: fetching Kafka $kversion jars (mvn dependency:copy-dependencies -f scripts/infra/kafka/pom.xml)"
    cmds+=("$KDIR/fetch.log|-f $ROOT/scripts/infra/kafka/pom.xml dependency:copy-dependencies -Dim.infra.libs=$KDIR/libs.tmp")
  fi
  if [ "$want_es" = 1 ] && [ ! -x "$(es_home)/bin/elasticsearch" ]; then
    if [ -s "$(es_zip_in_m2)" ]; then
      es_zip="$(es_zip_in_m2)"
    else
      es_zip="$DLDIR/elasticsearch-$esversion.zip"
      if [ ! -s "$es_zip" ]; then
        mkdir -p "$DLDIR"
        log "elasticsearch: fetching elasticsearch-$esversion.zip (integ-test-zip) from Maven Central"
        cmds+=("$DLDIR/fetch-elasticsearch.log|-f $ROOT/scripts/infra/elasticsearch/pom.xml dependency:copy-dependencies -Dim.infra.downloads=$DLDIR")
      fi
    fi
  fi
  # S3Proxy：~/.m2 里已有时直接拷贝，否则由 Maven 从 Central 取（与上面的命令在同一次加锁里）
  local s3_fetched=0
  if [ "$want_s3" = 1 ] && [ ! -s "$(s3_jar)" ]; then
    mkdir -p "$S3DIR"
    if [ ! -s "$(s3_jar_in_m2)" ]; then
      [ -n "$(s3_version)" ] || die "s3proxy.server.version not found in $ROOT/pom.xml"
      log "s3: fetching org.gaul:s3proxy:$(s3_version):jar-with-dependencies from Maven Central"
      cmds+=("$S3DIR/fetch.log|-f $ROOT/scripts/infra/s3proxy/pom.xml dependency:copy-dependencies -Dim.infra.downloads=$S3DIR")
      s3_fetched=1
    fi
  fi
  [ ${#cmds[@]} -gt 0 ] && run_maven_locked "${cmds[@]}"
  if [ "$want_s3" = 1 ] && [ ! -s "$(s3_jar)" ]; then
    if [ "$s3_fetched" = 0 ] && [ -s "$(s3_jar_in_m2)" ]; then cp "$(s3_jar_in_m2)" "$(s3_jar)"; fi
    [ -s "$(s3_jar)" ] || die "s3: $(s3_jar) missing after Maven fetch"
  fi
  [ "$need_kafka" = 1 ] && kafka_install_libs
  if [ -n "$es_zip" ]; then
    [ -s "$es_zip" ] || die "elasticsearch: $es_zip missing after Maven fetch"
    es_unpack "$es_zip"
  fi
  return 0
}

# ---------------------------------------------------------------------------
# 命令
# ---------------------------------------------------------------------------
cmd_up() {
  take_lock
  # 尽量提高文件描述符上限（Kafka/ES/MariaDB 都会用很多）
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  log "state dir: $INFRA"
  ensure_packages

  # 先检查端口冲突，避免启动一半才失败
  local s st conflicts=()
  declare -A state=()
  for s in "${SERVICES[@]}"; do
    st="$(svc_state "$s")"
    state[$s]="$st"
    case "$st" in
      foreign:*) conflicts+=("$s: port ${st#foreign:} is already in use by$(describe_port_owner "${st#foreign:}") which was not started by scripts/infra.sh") ;;
    esac
  done
  if [ ${#conflicts[@]} -gt 0 ]; then
    for s in "${conflicts[@]}"; do printf '[infra] CONFLICT %s\n' "$s" >&2; done
    die "port conflict: stop the other process(es) (or the system service), then run 'scripts/infra.sh up' again"
  fi

  # 不需要下载的服务先启动；然后准备 jar/zip（冷启动时才会调用 Maven，可能要排队等共享锁），
  # 再启动 Elasticsearch（最慢）和 Kafka；全部启动后再逐个等待就绪
  local want_kafka=0 want_es=0
  [ "${state[kafka]}" = down ] && want_kafka=1
  [ "${state[elasticsearch]}" = down ] && want_es=1
  local want_s3=0
  [ "${state[s3]}" = down ] && want_s3=1
  for s in etcd redis mariadb FETCH elasticsearch kafka s3; do
    if [ "$s" = FETCH ]; then
      fetch_artifacts "$want_kafka" "$want_es" "$want_s3"
      continue
    fi
    case "${state[$s]}" in
      up) log "$s: already running (pid $(svc_pid "$s")), reusing" ;;
      starting) log "$s: already starting (pid $(svc_pid "$s")), waiting for it" ;;
      down)
        # 清理失效的 pid 文件
        rm -f "$("$s"_pidfile)"
        log "$s: starting"
        # 9>&-：不要把 up/down 的锁文件描述符继承给常驻的服务进程
        "$s"_start 9>&-
        ;;
    esac
  done

  for s in mariadb redis etcd kafka elasticsearch s3; do
    wait_ready "$s" "$(timeout_of "$s")"
    "$s"_post
  done

  summary
  log "all servers up"
}

summary() {
  echo
  printf '  %-14s %-6s %-22s %-8s %s\n' SERVER STATE ADDRESS PID NOTES
  local s st pid notes
  for s in kafka mariadb redis etcd elasticsearch s3; do
    st="$(svc_state "$s")"
    pid="$(svc_pid "$s")"
    case "$s" in
      kafka) notes="KRaft broker+controller (controller :$KAFKA_CONTROLLER_PORT)" ;;
      mariadb) notes="db im (+ im_test), user im / password in .infra/secrets/db-password (or \$IM_DB_PASSWORD)" ;;
      redis) notes="no persistence" ;;
      etcd) notes="v3 API, peer :$ETCD_PEER_PORT" ;;
      elasticsearch) notes="single-node, security off (transport :$ES_TRANSPORT_PORT)" ;;
      s3) notes="S3Proxy $(s3_version), bucket $S3_BUCKET, key id $S3_ACCESS_KEY / secret in .infra/secrets/s3-secret-key" ;;
    esac
    printf '  %-14s %-6s %-22s %-8s %s\n' "$s" "$st" "$HOST:$("$s"_port)" "${pid:--}" "$notes"
  done
  echo
}

cmd_status() {
  local s st pid rc=0
  for s in kafka mariadb redis etcd elasticsearch s3; do
    st="$(svc_state "$s")"
    pid="$(svc_pid "$s")"
    [ "$st" = up ] || rc=1
    printf '%-14s %-14s port %-5s pid %s\n' "$s" "$st" "$("$s"_port)" "${pid:--}"
  done
  return $rc
}

cmd_down() {
  local purge="${1:-}"
  case "$purge" in "" | --purge | --purge-all) ;; *) die "unknown option for down: $purge" ;; esac
  [ -d "$INFRA" ] || { log "nothing to stop ($INFRA does not exist)"; return 0; }
  take_lock
  local s pid lp
  declare -A pids=()
  # 先同时发送 SIGTERM，再逐个等待退出（更快）
  for s in s3 elasticsearch kafka etcd redis mariadb; do
    pid="$(svc_pid "$s")"
    if [ -n "$pid" ]; then
      log "$s: stopping pid $pid"
      kill -TERM "$pid" 2>/dev/null || true
      pids[$s]="$pid"
    else
      log "$s: not running"
    fi
    if [ "$s" = elasticsearch ]; then
      lp="$(read_pid "$SDIR/run/launcher.pid")"
      if [ -n "$lp" ] && pid_matches "$lp" "elasticsearch"; then kill -TERM "$lp" 2>/dev/null || true; fi
    fi
  done
  for s in "${!pids[@]}"; do
    wait_exit "$s" "${pids[$s]}" 60
    log "$s: stopped"
  done
  for s in "${SERVICES[@]}"; do rm -f "$("$s"_pidfile)"; done
  rm -f "$SDIR/run/launcher.pid"
  case "$purge" in
    --purge)
      log "purging data (keeping downloaded jars/zip): $KDIR/data $MDIR $RDIR $EDIR $SDIR/{data,logs,tmp}"
      rm -rf "$KDIR/data" "$KDIR"/*.log "$MDIR" "$RDIR" "$EDIR" "$SDIR/data" "$SDIR/logs" "$SDIR/tmp" "$SDIR/run" "$SDIR/startup.log"
      rm -rf "$S3DIR/data" "$S3DIR/tmp" "$S3DIR"/*.log
      ;;
    --purge-all)
      log "purging everything under $INFRA owned by infra.sh"
      rm -rf "$KDIR" "$MDIR" "$RDIR" "$EDIR" "$SDIR" "$DLDIR" "$S3DIR" "$INFRA/apt.log"
      ;;
  esac
}

case "${1:-}" in
  up) cmd_up ;;
  down) shift; cmd_down "${1:-}" ;;
  status) cmd_status ;;
  fetch) take_lock; ensure_packages; fetch_artifacts 1 1 1; log "artifacts ready under $INFRA" ;;
  *)
    echo "usage: $0 up | down [--purge|--purge-all] | status | fetch" >&2
    exit 2
    ;;
esac
