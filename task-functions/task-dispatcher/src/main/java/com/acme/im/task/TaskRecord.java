package com.acme.im.task;

/**
 * 一条待分发的原始记录（来自 Kafka 消费者或 Lambda 的 KafkaEvent），保留原始字节以便死信原样重放。
 *
 * @param topic     来源 Topic
 * @param partition 来源分区
 * @param offset    来源偏移量
 * @param key       原始键（可空）
 * @param value     原始值（可空，空值按格式错误处理）
 */
public record TaskRecord(String topic, int partition, long offset, byte[] key, byte[] value) {
}
