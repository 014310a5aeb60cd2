/** 可选的 Testcontainers 基础设施：在有 Docker 的机器上用容器代替 scripts/infra.sh 启动的真实服务器。 */
package com.acme.im.testsupport;
