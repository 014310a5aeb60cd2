#!/usr/bin/env bash
# 只部署一个任务函数：构建它的 Lambda 包，再只 apply 这个函数的 Terraform 模块实例，其他函数与服务不动。
#
#   bash scripts/deploy-function.sh <函数> <环境> [terraform apply 的其他参数...]
#   bash scripts/deploy-function.sh audit aws
#   bash scripts/deploy-function.sh index localstack -auto-approve
#
# <函数>：任务类型（catalog 模块 functions 的键：fanout、push、audit、index）或模块名（audit-function）。
# <环境>：terraform/environments 下的目录（aws、localstack）。aws 需要 terraform.tfvars（或 -var/-var-file）与 AWS、EC 凭据。
# 步骤：mvn -Plambda 只构建该函数（及其依赖的模块）→ 检查包（大小、handler）→ terraform init → terraform apply -target。
# 退出码：0 成功；1 构建或 apply 失败；2 terraform 取不到 provider（provider 仓库不可达，包已构建好）；64 用法错误。
# 环境变量：MVN、MVN_ARGS（如 -o）、MVN_LOCK（默认 /tmp/mvn.lock，有 flock 时串行化 Maven）、TERRAFORM（默认 terraform）。
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

usage() { sed -n '2,14p' "$0" >&2; exit 64; }
[[ $# -ge 2 ]] || usage
fn="$1" env="$2"
shift 2

log() { printf '[deploy-function] %s\n' "$*"; }
die() { printf '[deploy-function] ERROR: %s\n' "$*" >&2; exit "${2:-1}"; }

catalog="terraform/modules/catalog/main.tf"
env_dir="terraform/environments/$env"
[[ -d "$env_dir" ]] || die "unknown environment '$env' (have: $(ls terraform/environments | tr '\n' ' '))" 64

# 函数名 → catalog 的键与模块目录（catalog 是唯一的对照表）
key="${fn%-function}"
module="$(awk -v key="$key" '
  $1 == key && $2 == "=" && $3 == "{" { inside = 1; next }
  inside && $1 == "module" { gsub(/"/, "", $3); print $3; exit }
  inside && $1 == "}" { inside = 0 }' "$catalog")"
[[ -n "$module" ]] || die "'$fn' is not a function in $catalog (keys: $(awk '/^    [a-z]+ = \{/ { print $1 }' "$catalog" | tr '\n' ' '))" 64
[[ -f "task-functions/$module/pom.xml" ]] || die "catalog names module $module but task-functions/$module does not exist"

mvn_run() {
  local cmd=("${MVN:-mvn}" -B ${MVN_ARGS:-} "$@")
  if command -v flock >/dev/null 2>&1; then
    flock "${MVN_LOCK:-/tmp/mvn.lock}" "${cmd[@]}"
  else
    "${cmd[@]}"
  fi
}

# 1. 只构建这个函数的 Lambda 包（-am 带上它依赖的 proto、service-runtime、task-dispatcher）
log "building task-functions/$module with -Plambda"
mvn_run -q -Plambda package -DskipTests -pl "task-functions/$module" -am || die "maven build of $module failed"

jar="task-functions/$module/target/$module-lambda.jar"
[[ -f "$jar" ]] || die "$jar was not built"
size="$(stat -c %s "$jar")"
listing="$(unzip -Z1 "$jar")" # 先取完整清单：grep -q 提前退出会让 pipefail 误报
grep -qx 'com/acme/im/task/lambda/TaskLambdaHandler.class' <<<"$listing" || die "$jar lacks TaskLambdaHandler"
if (( size > 52428800 )); then
  die "$jar is $size bytes, above Lambda's 50 MB direct-upload limit (set package_s3_bucket in $env_dir/main.tf)"
fi
log "package $jar: $(awk -v b="$size" 'BEGIN { printf "%.1f MiB", b / 1048576 }') ($size bytes), handler com.acme.im.task.lambda.TaskLambdaHandler"

# 2. Terraform：先 init，再只 apply module.task_function["<键>"]
tf="${TERRAFORM:-terraform}"
command -v "$tf" >/dev/null 2>&1 || die "terraform is not installed (need >= 1.9); the package is ready at $jar" 2
target="module.task_function[\"$key\"]"
init_log="$(mktemp)"
trap 'rm -f "$init_log"' EXIT
log "terraform -chdir=$env_dir init -input=false"
if ! "$tf" -chdir="$env_dir" init -input=false -no-color >"$init_log" 2>&1; then
  cat "$init_log" >&2
  if grep -qiE 'registry\.terraform\.io|Failed to query available provider packages|could not connect to|Failed to install provider|provider registry' "$init_log"; then
    {
      echo
      echo "[deploy-function] terraform init could not download the providers from the Terraform provider registry"
      echo "[deploy-function] (registry.terraform.io is not reachable from this machine)."
      echo "[deploy-function] Built and checked: $jar ($size bytes)."
      echo "[deploy-function] Not applied: $target in $env_dir."
      echo "[deploy-function] Run this script where the registry is reachable, or point TF_CLI_CONFIG_FILE at a"
      echo "[deploy-function] provider_installation { filesystem_mirror { ... } } holding the providers of $env_dir/versions.tf."
    } >&2
    exit 2
  fi
  die "terraform init failed (see above)"
fi

log "terraform -chdir=$env_dir apply -target='$target' $*"
"$tf" -chdir="$env_dir" apply -input=false -target="$target" "$@" || die "terraform apply of $target failed"
log "deployed $key ($module) to $env"
