#!/usr/bin/env bash
# 运行全部测试：先确保真实基础设施已启动（幂等），再执行 Maven 的单元测试与集成测试。
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/infra.sh" up
cd "$ROOT"
exec mvn -B verify "$@"
