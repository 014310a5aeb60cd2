package com.acme.im.audit;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.concurrent.CompletableFuture;

/**
 * 遮蔽通知的下行生产者：acks=all，等确认后任务才算完成。
 */
@KafkaClient(id = "audit-downstream", acks = KafkaClient.Acknowledge.ALL)
public interface DownstreamPublisher {

    /** 发送到某网关的下行 Topic，键为会话 ID。 */
    CompletableFuture<RecordMetadata> send(@Topic String topic, @KafkaKey String key, byte[] value);
}
