-- 管理后台（issue #14 第 4 项）：管理员账号（独立于用户）、用户封禁、审核命中复核、运行时敏感词表、管理操作记录。

-- 管理员：密码与用户一样用 bcrypt 慢哈希；首个管理员由 repo-app 启动时按每次安装生成的密钥创建（见 README）
CREATE TABLE admins (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  username      VARCHAR(64)  NOT NULL,
  password_hash VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at    BIGINT       NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_admins_username (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 封禁：有行即封禁中；解封删除该行（谁、何时解封记在 admin_actions）
CREATE TABLE user_bans (
  user_id   BIGINT       NOT NULL,
  banned_at BIGINT       NOT NULL,
  banned_by BIGINT       NOT NULL,
  reason    VARCHAR(256) NOT NULL DEFAULT '',
  PRIMARY KEY (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 审核命中加一个自增 ID（管理后台的游标与复核对象）与复核结论
ALTER TABLE audit_hits
  ADD COLUMN id             BIGINT      NOT NULL AUTO_INCREMENT,
  ADD COLUMN review_verdict VARCHAR(16) NOT NULL DEFAULT '',
  ADD COLUMN reviewed_at    BIGINT      NOT NULL DEFAULT 0,
  ADD COLUMN reviewed_by    BIGINT      NOT NULL DEFAULT 0,
  ADD UNIQUE KEY uk_audit_hits_id (id);

-- 运行时敏感词表（与 audit-function 配置里的内置词合并使用）；按字节比较，英文大小写由匹配器忽略
CREATE TABLE sensitive_words (
  word       VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  created_at BIGINT      NOT NULL,
  created_by BIGINT      NOT NULL,
  PRIMARY KEY (word)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 词表版本：每次增删在同一事务里加一，audit-function 按版本判断是否需要重建自动机
CREATE TABLE sensitive_word_version (
  id      TINYINT NOT NULL,
  version BIGINT  NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO sensitive_word_version (id, version) VALUES (1, 0);

-- 管理操作记录：谁（ID 与当时的用户名）、做了什么、对象、何时
CREATE TABLE admin_actions (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  admin_id       BIGINT       NOT NULL,
  admin_username VARCHAR(64)  NOT NULL,
  action         VARCHAR(32)  NOT NULL,
  target         VARCHAR(128) NOT NULL DEFAULT '',
  detail         VARCHAR(512) NOT NULL DEFAULT '',
  created_at     BIGINT       NOT NULL,
  PRIMARY KEY (id),
  KEY idx_admin_actions_admin (admin_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
