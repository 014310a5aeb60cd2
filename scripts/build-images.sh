#!/usr/bin/env bash
# 构建部署用的构件：三个常驻应用的容器镜像（Jib，不需要 Docker 守护进程）与四个任务函数的 Lambda 包。
#
#   bash scripts/build-images.sh                 应用 jar + Lambda 包 + 镜像分层检查（不访问任何镜像仓库，本机可运行）
#   bash scripts/build-images.sh --tar TAG       另外写出可加载的镜像 target/jib-image.tar（要能从仓库拉基础镜像）
#   bash scripts/build-images.sh --push TAG      推送到 ECR：<registry>/<name>/<app>:TAG（要能访问镜像仓库与 AWS）
#        --registry 123456789012.dkr.ecr.us-east-1.amazonaws.com   ECR 地址（默认取 terraform output ecr_repositories）
#        --name im-prod                                             ECR 仓库前缀（环境名，默认 im-prod）
#
# 分层检查：以空基础镜像（scratch）执行 jib:buildTar，验证 Jib 配置、入口脚本与分层（依赖、快照依赖、资源、类、
# /opt/im/bin），得到的 tar 没有 JRE、不能运行，只用来检查与报告大小。真正的镜像需要能访问镜像仓库的机器。
# 环境变量：MVN（默认 mvn）、MVN_ARGS（例如 -o 离线）、MVN_LOCK（存在 flock 时用它串行化 Maven，默认 /tmp/mvn.lock）。
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

APPS=(gateway-app logic-app repo-app)
FUNCTIONS=(fanout-function push-function audit-function index-function)
LAMBDA_LIMIT=52428800 # Lambda 直接上传的上限（50 MB）

mode=check tag="" registry="" name="im-prod"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tar) mode=tar; tag="${2:?--tar needs a tag}"; shift 2 ;;
    --push) mode=push; tag="${2:?--push needs a tag}"; shift 2 ;;
    --registry) registry="${2:?}"; shift 2 ;;
    --name) name="${2:?}"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 64 ;;
  esac
done

log() { printf '[build-images] %s\n' "$*"; }
die() { printf '[build-images] ERROR: %s\n' "$*" >&2; exit 1; }

mvn_run() {
  local cmd=("${MVN:-mvn}" -B ${MVN_ARGS:-} "$@")
  if command -v flock >/dev/null 2>&1; then
    flock "${MVN_LOCK:-/tmp/mvn.lock}" "${cmd[@]}"
  else
    "${cmd[@]}"
  fi
}

size_of() { stat -c %s "$1"; }
human() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }

# 1. 常驻应用的 fat jar（java -jar 形态）与 Lambda 包
app_list="$(IFS=,; echo "${APPS[*]}")"
fn_list="$(printf 'task-functions/%s,' "${FUNCTIONS[@]}")"
log "building the app jars: mvn package -pl $app_list -am"
mvn_run -q package -DskipTests -pl "$app_list" -am
log "building the Lambda packages: mvn -Plambda package -pl ${fn_list%,} -am"
mvn_run -q -Plambda package -DskipTests -pl "${fn_list%,}" -am

# 2. Lambda 包：大小、handler 类在包里、Lambda 不运行的部分不在包里
handler="com/acme/im/task/lambda/TaskLambdaHandler.class"
for fn in "${FUNCTIONS[@]}"; do
  jar="task-functions/$fn/target/$fn-lambda.jar"
  [[ -f "$jar" ]] || die "$jar was not built"
  size="$(size_of "$jar")"
  listing="$(unzip -Z1 "$jar")"
  grep -qx "$handler" <<<"$listing" || die "$jar lacks the handler $handler"
  for absent in io/micronaut/http/server/netty/NettyHttpServer.class io/etcd/jetcd/Client.class; do
    if grep -qx "$absent" <<<"$listing"; then die "$jar still contains $absent"; fi
  done
  if (( size > LAMBDA_LIMIT )); then
    die "$jar is $(human "$size"), above the 50 MB direct-upload limit (deploy it through S3: package_s3_bucket)"
  fi
  log "lambda  $jar  $(human "$size")  ($size bytes, handler inside)"
done
for app in "${APPS[@]}"; do
  jar="$app/target/$app-0.1.0-SNAPSHOT.jar"
  [[ -f "$jar" ]] && log "app jar $jar  $(human "$(size_of "$jar")")"
done

# 3. 镜像
case "$mode" in
  check)
    log "image layer check: jib:buildTar from an empty base image (no registry needed; not a runnable image)"
    mvn_run -q jib:buildTar -pl "$app_list" -Djib.from.image=scratch
    for app in "${APPS[@]}"; do
      tar="$app/target/jib-image.tar"
      [[ -f "$tar" ]] || die "$tar was not written"
      log "layers  $tar  $(human "$(size_of "$tar")") without the JRE base image"
    done
    log "the real image build needs a registry: bash scripts/build-images.sh --tar TAG  or  --push TAG"
    ;;
  tar)
    log "jib:buildTar with base ${IM_IMAGE_BASE:-eclipse-temurin:17-jre} (pulls it from its registry)"
    mvn_run jib:buildTar -pl "$app_list" -Dim.image.tag="$tag" ${IM_IMAGE_BASE:+-Djib.from.image=$IM_IMAGE_BASE}
    for app in "${APPS[@]}"; do log "image   $app/target/jib-image.tar ($app:$tag; docker load -i ...)"; done
    ;;
  push)
    command -v aws >/dev/null 2>&1 || die "--push needs the aws CLI (for the ECR login)"
    if [[ -z "$registry" ]]; then
      command -v terraform >/dev/null 2>&1 || die "--push needs --registry or terraform (to read the ecr_repositories output)"
      registry="$(terraform -chdir=terraform/environments/aws output -json ecr_repositories \
        | sed -n 's/.*"gateway-app" *: *"\([^/"]*\)\/.*/\1/p')"
      [[ -n "$registry" ]] || die "cannot read ecr_repositories from terraform output; pass --registry"
      name="$(terraform -chdir=terraform/environments/aws output -json ecr_repositories \
        | sed -n 's/.*"gateway-app" *: *"[^/"]*\/\([^/"]*\)\/gateway-app".*/\1/p')"
    fi
    region="$(sed -n 's/.*\.ecr\.\([a-z0-9-]*\)\.amazonaws\.com.*/\1/p' <<<"$registry")"
    password="$(aws ecr get-login-password ${region:+--region "$region"})"
    for app in "${APPS[@]}"; do
      image="$registry/$name/$app:$tag"
      log "pushing $image"
      mvn_run -q jib:build -pl "$app" -Djib.to.image="$image" -Djib.to.auth.username=AWS -Djib.to.auth.password="$password"
    done
    ;;
esac
log "done"
