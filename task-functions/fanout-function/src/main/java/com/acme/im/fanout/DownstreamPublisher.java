package com.acme.im.fanout;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.concurrent.CompletableFuture;

/**
 * 下行投递生产者：值为 DownstreamDelivery 字节，acks=all；Future 在 Kafka 确认后完成，
 * 扩散任务等全部确认后才算成功（之后才提交任务偏移量）。
 */
@KafkaClient(id = "fanout-downstream", acks = KafkaClient.Acknowledge.ALL)
public interface DownstreamPublisher {

    /** 发送到某网关的下行 Topic，键为会话 ID。 */
    CompletableFuture<RecordMetadata> send(@Topic String topic, @KafkaKey String key, byte[] value);
}
