#!/usr/bin/env bash
# 运行全部测试：先确保真实基础设施已启动（幂等），再执行 Maven 的单元测试与集成测试。
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# terraform/ 的格式检查：terraform fmt 不需要 provider，本机可运行。没有 terraform 时不能悄悄跳过：大声警告
# （HCL 的解析与和代码的一致性由 mvn verify 里的 TerraformConsistencyTest 检查，它总会运行）
if command -v terraform >/dev/null 2>&1; then
  if ! terraform fmt -check -recursive -diff "$ROOT/terraform"; then
    echo "terraform fmt -check failed: run 'terraform fmt -recursive terraform/'" >&2
    exit 1
  fi
  echo "[test] terraform fmt -check -recursive terraform/: OK"
else
  {
    echo "######################################################################################"
    echo "# WARNING: terraform is not installed: 'terraform fmt -check' of terraform/ was SKIPPED"
    echo "# (install Terraform >= 1.9; TerraformConsistencyTest still parses every .tf file)"
    echo "######################################################################################"
  } >&2
fi
bash "$ROOT/scripts/infra.sh" up
# 测试 JVM 与它们启动的应用用 infra.sh 设置的每安装数据库密码；JWT 密钥由各测试自己决定
# （单应用测试用开发默认值签发测试令牌，端到端测试每次生成随机密钥），所以这里不导出 IM_JWT_SECRET
# shellcheck source=secrets.sh
. "$ROOT/scripts/secrets.sh"
IM_DB_PASSWORD="${IM_DB_PASSWORD:-$(im_secret db-password)}"
export IM_DB_PASSWORD
# 网页客户端的真实浏览器测试（system-tests 的 WebClientIT 运行 web-test/chat.mjs）：
# 无头 Chromium 用 Debian 的 chromium 包（playwright 不下载浏览器），中文界面的截图需要一个中文字体
if [ ! -x /usr/bin/chromium ] || ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  [ "$(id -u)" = 0 ] || { echo "missing chromium or a Chinese font: sudo apt-get install -y chromium fonts-wqy-microhei" >&2; exit 1; }
  echo "[test] installing chromium and fonts-wqy-microhei (apt-get) for the browser test ..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 \
  || { echo "node (>= 20) and npm are required by web-test/ (playwright-core)" >&2; exit 1; }
if [ ! -d "$ROOT/web-test/node_modules/playwright-core" ]; then
  echo "[test] npm ci in web-test/ ..."
  (cd "$ROOT/web-test" && npm ci --no-audit --no-fund)
fi
cd "$ROOT"
mvn -B verify "$@"
# 短故障注入套件（docs/reliability.md）：在持续流量下 FLUSHALL Redis、kill -9 网关与 logic，
# 有任何丢失、重复存储或 seq 空洞即失败。用上面刚构建的 jar（--no-build），系统由它自己拉起并在结束时停掉
bash "$ROOT/scripts/chaos.sh" --short --no-build
