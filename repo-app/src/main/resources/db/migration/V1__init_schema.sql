-- repo-app 初始表结构：兼容 MySQL 8 与 MariaDB 10.11（InnoDB、utf8mb4、毫秒时间戳 BIGINT）。
-- ID 类字符串列用 ascii_bin，保证比较按字节、索引更短。

CREATE TABLE users (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  username      VARCHAR(64)  NOT NULL,
  password_hash VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  nickname      VARCHAR(64)  NOT NULL,
  avatar_url    VARCHAR(512) NOT NULL DEFAULT '',
  created_at    BIGINT       NOT NULL,
  updated_at    BIGINT       NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_users_username (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 令牌族（会话）：吊销时整族作废
CREATE TABLE auth_sessions (
  session_id CHAR(36)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  user_id    BIGINT       NOT NULL,
  device_id  VARCHAR(128) NOT NULL DEFAULT '',
  created_at BIGINT       NOT NULL,
  revoked_at BIGINT       NULL,
  PRIMARY KEY (session_id),
  KEY idx_auth_sessions_user (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 刷新令牌只存 SHA-256 哈希
CREATE TABLE refresh_tokens (
  id         BIGINT   NOT NULL AUTO_INCREMENT,
  token_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  session_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  user_id    BIGINT   NOT NULL,
  used       TINYINT  NOT NULL DEFAULT 0,
  expires_at BIGINT   NOT NULL,
  created_at BIGINT   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_refresh_tokens_hash (token_hash),
  KEY idx_refresh_tokens_session (session_id),
  KEY idx_refresh_tokens_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 已吊销的访问令牌，保留到令牌自身过期
CREATE TABLE revoked_access_tokens (
  jti        VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  session_id CHAR(36)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
  expires_at BIGINT       NOT NULL,
  PRIMARY KEY (jti),
  KEY idx_revoked_access_tokens_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- groups 在 MySQL 8 中是保留字，故命名为 im_groups
CREATE TABLE im_groups (
  id           BIGINT      NOT NULL AUTO_INCREMENT,
  name         VARCHAR(64) NOT NULL,
  owner_id     BIGINT      NOT NULL,
  member_count INT         NOT NULL DEFAULT 0,
  created_at   BIGINT      NOT NULL,
  updated_at   BIGINT      NOT NULL,
  PRIMARY KEY (id),
  KEY idx_im_groups_owner (owner_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE group_members (
  id        BIGINT  NOT NULL AUTO_INCREMENT,
  group_id  BIGINT  NOT NULL,
  user_id   BIGINT  NOT NULL,
  role      TINYINT NOT NULL,
  joined_at BIGINT  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_group_members_group_user (group_id, user_id),
  KEY idx_group_members_user (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 会话：max_seq 是序列号的唯一权威来源（在数据库内原子分配，不依赖 Redis）
CREATE TABLE conversations (
  id              VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  type            TINYINT NOT NULL,
  group_id        BIGINT  NOT NULL DEFAULT 0,
  max_seq         BIGINT  NOT NULL DEFAULT 0,
  last_message_id BIGINT  NOT NULL DEFAULT 0,
  member_count    INT     NOT NULL DEFAULT 0,
  created_at      BIGINT  NOT NULL,
  updated_at      BIGINT  NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 用户会话记录兼已读指针（种子 001 的 user_read_pointers）
CREATE TABLE user_conversations (
  id              BIGINT      NOT NULL AUTO_INCREMENT,
  user_id         BIGINT      NOT NULL,
  conversation_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  read_seq        BIGINT      NOT NULL DEFAULT 0,
  joined_at       BIGINT      NOT NULL,
  updated_at      BIGINT      NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_user_conversations_user_conv (user_id, conversation_id),
  KEY idx_user_conversations_conv_user (conversation_id, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE messages (
  id              BIGINT       NOT NULL AUTO_INCREMENT,
  conversation_id VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  seq             BIGINT       NOT NULL,
  sender_id       BIGINT       NOT NULL,
  type            TINYINT      NOT NULL,
  content         MEDIUMTEXT   NOT NULL,
  client_msg_id   VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at      BIGINT       NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_messages_conv_seq (conversation_id, seq),
  UNIQUE KEY uk_messages_sender_client (sender_id, client_msg_id),
  KEY idx_messages_conv_created (conversation_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE audit_hits (
  message_id      BIGINT        NOT NULL,
  conversation_id VARCHAR(64)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  sender_id       BIGINT        NOT NULL,
  words           VARCHAR(2048) NOT NULL,
  action          VARCHAR(16)   NOT NULL,
  created_at      BIGINT        NOT NULL,
  PRIMARY KEY (message_id),
  KEY idx_audit_hits_conv_created (conversation_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE push_tokens (
  user_id    BIGINT       NOT NULL,
  device_id  VARCHAR(128) NOT NULL,
  platform   VARCHAR(16)  NOT NULL,
  token      VARCHAR(512) NOT NULL,
  enabled    TINYINT      NOT NULL DEFAULT 1,
  updated_at BIGINT       NOT NULL,
  PRIMARY KEY (user_id, device_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 唯一的世界聊天室随库创建
INSERT INTO conversations (id, type, group_id, max_seq, last_message_id, member_count, created_at, updated_at)
VALUES ('world', 3, 0, 0, 0, 0, 0, 0);
