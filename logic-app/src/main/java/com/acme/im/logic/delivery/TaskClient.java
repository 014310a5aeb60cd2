package com.acme.im.logic.delivery;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.concurrent.CompletableFuture;

/**
 * 任务生产者：值为 TaskMessage 字节，键为会话 ID；acks=all，任务不能因 leader 切换而丢失。
 */
@KafkaClient(id = "tasks", acks = KafkaClient.Acknowledge.ALL)
public interface TaskClient {

    /** 发送到 im-task-{type}。 */
    CompletableFuture<RecordMetadata> send(@Topic String topic, @KafkaKey String key, byte[] value);
}
