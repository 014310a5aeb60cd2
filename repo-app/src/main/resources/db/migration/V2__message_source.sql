-- 消息来源：保存这条消息的上行 Kafka 记录（分区、偏移量）。logic 据此判断客户端重发的消息
-- 原投递是否已被确认发布（原记录偏移量小于当前批次起点即已确认），已确认的重发只回 ack、不再投递。
ALTER TABLE messages
  ADD COLUMN src_partition INT    NOT NULL DEFAULT -1,
  ADD COLUMN src_offset    BIGINT NOT NULL DEFAULT -1;
