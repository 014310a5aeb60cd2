-- 文件与图片消息：对象存储里每个上传对象一行（字节只在对象存储里，这里只有元数据）。
-- 对象键按会话划分（conversations/{conversation_id}/{id}）；消息引用文件时 repo 按这一行核对：
-- 文件存在、已上传完成（ready）、属于同一个会话。缩略图由 audit-function 生成后写回 thumbnail_key。
CREATE TABLE files (
  id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  conversation_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  uploader_id BIGINT NOT NULL,
  name VARCHAR(255) NOT NULL,
  mime_type VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  size BIGINT NOT NULL,
  is_image TINYINT(1) NOT NULL DEFAULT 0,
  ready TINYINT(1) NOT NULL DEFAULT 0,
  width INT NOT NULL DEFAULT 0,
  height INT NOT NULL DEFAULT 0,
  object_key VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  thumbnail_key VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  ready_at BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  KEY idx_files_conversation (conversation_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
