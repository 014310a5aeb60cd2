package com.acme.im.logic.delivery;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.concurrent.CompletableFuture;

/**
 * 下行投递生产者：值为 DownstreamDelivery 字节。acks=all，返回的 Future 在 Kafka 确认后完成，
 * 上行消费据此决定何时提交偏移量。
 */
@KafkaClient(id = "downstream", acks = KafkaClient.Acknowledge.ALL)
public interface DownstreamClient {

    /** 发送到指定网关的下行 Topic，键为会话 ID 或用户 ID。 */
    CompletableFuture<RecordMetadata> send(@Topic String topic, @KafkaKey String key, byte[] value);
}
