-- 群组管理（公告、全员禁言、解散）、成员禁言，以及按用户的会话设置（置顶、免打扰）与 @提及。
-- 都是带默认值的新增列，旧行无需回填。

ALTER TABLE im_groups
  ADD COLUMN announcement    VARCHAR(1024) NOT NULL DEFAULT '',
  ADD COLUMN announcement_at BIGINT        NOT NULL DEFAULT 0,
  ADD COLUMN all_muted       TINYINT       NOT NULL DEFAULT 0,
  -- 解散时间，0 表示未解散；解散后会话只读（历史可读、不能再发）
  ADD COLUMN dissolved_at    BIGINT        NOT NULL DEFAULT 0;

ALTER TABLE group_members
  ADD COLUMN muted TINYINT NOT NULL DEFAULT 0;

-- 置顶、免打扰；mention_seq 为最近一条 @ 到该用户的消息 seq，大于 read_seq 即“有人@我”
ALTER TABLE user_conversations
  ADD COLUMN pinned      TINYINT NOT NULL DEFAULT 0,
  ADD COLUMN muted       TINYINT NOT NULL DEFAULT 0,
  ADD COLUMN mention_seq BIGINT  NOT NULL DEFAULT 0;

-- 消息的 @ 列表：逗号分隔的用户 ID，或 all
ALTER TABLE messages
  ADD COLUMN mentions VARCHAR(2048) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '';
