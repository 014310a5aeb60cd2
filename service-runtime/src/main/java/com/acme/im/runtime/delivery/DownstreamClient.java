package com.acme.im.runtime.delivery;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Requires;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.concurrent.CompletableFuture;

/**
 * 下行投递生产者：值为 DownstreamBatch 字节。acks=all，Future 在 Kafka 确认后完成，
 * 调用方据此决定何时提交自己的偏移量。kafka.* 与 kafka.producers.downstream.* 的配置都作用于它。
 */
@Requires(classes = KafkaClient.class)
@KafkaClient(id = "downstream", acks = KafkaClient.Acknowledge.ALL)
public interface DownstreamClient {

    /** 发送到某网关的下行 Topic。 */
    CompletableFuture<RecordMetadata> send(@Topic String topic, @KafkaKey String key, byte[] value);
}
