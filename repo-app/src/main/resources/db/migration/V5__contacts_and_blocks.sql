-- 好友与拉黑（issue #14 第 1-2 项）。
-- 好友申请：status 为 pending、accepted、rejected、cancelled；同一方向同时只有一条 pending（由 repo 在锁住双方用户行的事务里保证）。
CREATE TABLE friend_requests (
  id           BIGINT      NOT NULL AUTO_INCREMENT,
  from_user_id BIGINT      NOT NULL,
  to_user_id   BIGINT      NOT NULL,
  note         VARCHAR(200) NOT NULL DEFAULT '',
  status       VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at   BIGINT      NOT NULL,
  updated_at   BIGINT      NOT NULL,
  PRIMARY KEY (id),
  KEY idx_friend_requests_to (to_user_id, status, id),
  KEY idx_friend_requests_from (from_user_id, status, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 好友关系：每对好友两行（各自一行，带自己给对方的备注）；主键保证不会重复。
CREATE TABLE friendships (
  user_id    BIGINT      NOT NULL,
  friend_id  BIGINT      NOT NULL,
  remark     VARCHAR(64) NOT NULL DEFAULT '',
  created_at BIGINT      NOT NULL,
  PRIMARY KEY (user_id, friend_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 拉黑：user_id 拉黑了 blocked_user_id；反向索引用于“谁拉黑了我”的批量检查。
CREATE TABLE blocks (
  user_id         BIGINT NOT NULL,
  blocked_user_id BIGINT NOT NULL,
  created_at      BIGINT NOT NULL,
  PRIMARY KEY (user_id, blocked_user_id),
  KEY idx_blocks_blocked (blocked_user_id, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
