-- 仅供 localstack-compose.yml 的 mariadb 容器使用（/docker-entrypoint-initdb.d）：
-- MARIADB_DATABASE/MARIADB_USER 已创建 im 库与 im 用户，这里补上测试库 im_test 及其授权，
-- 与 scripts/infra.sh 创建的本地 MariaDB 保持一致。
CREATE DATABASE IF NOT EXISTS im_test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
GRANT ALL PRIVILEGES ON `im`.* TO 'im'@'%';
GRANT ALL PRIVILEGES ON `im_test`.* TO 'im'@'%';
GRANT ALL PRIVILEGES ON `im\_test\_%`.* TO 'im'@'%';
FLUSH PRIVILEGES;
