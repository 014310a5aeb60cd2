-- 撤回、编辑与回复（issue #13 第 1-3 项）。
-- 撤回留墓碑：content 清空，recalled_at/recalled_by 记下何时、谁撤回；编辑记下 edited_at；
-- reply_to 是同一会话中被引用消息的 ID（0 表示不是回复）。
ALTER TABLE messages
  ADD COLUMN reply_to    BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN edited_at   BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN recalled_at BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN recalled_by BIGINT NOT NULL DEFAULT 0;

-- 修订记录：撤回或编辑前的原文只留在这里（供审计与申诉），历史、搜索与客户端都看不到。
CREATE TABLE message_revisions (
  id              BIGINT      NOT NULL AUTO_INCREMENT,
  message_id      BIGINT      NOT NULL,
  conversation_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  action          VARCHAR(16) NOT NULL,
  actor_id        BIGINT      NOT NULL,
  old_content     MEDIUMTEXT  NOT NULL,
  created_at      BIGINT      NOT NULL,
  PRIMARY KEY (id),
  KEY idx_message_revisions_message (message_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 审核命中按（消息，版本）记录：编辑后的新内容再命中时另记一条，原版本的记录不被覆盖也不被撤回删除。
ALTER TABLE audit_hits
  ADD COLUMN edited_at BIGINT NOT NULL DEFAULT 0,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (message_id, edited_at);
