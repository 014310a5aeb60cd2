package com.acme.im.repo.message;

/**
 * 消息来源：保存它的上行 Kafka 记录。partition 为 -1 表示没有记录（不经上行 Topic 保存）。
 *
 * @param partition 上行 Topic 分区
 * @param offset    偏移量
 */
public record MessageSource(int partition, long offset) {

    /** 没有来源。 */
    public static final MessageSource NONE = new MessageSource(-1, -1);

    public boolean isKnown() {
        return partition >= 0 && offset >= 0;
    }
}
