package com.acme.im.logic.auth;

import com.acme.im.runtime.kafka.Topics;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.concurrent.CompletableFuture;

/**
 * 会话吊销广播的生产者：值为 SessionRevocation 字节，键为用户 ID。
 * acks=all：登出要等全部副本确认后才返回，否则 leader 切换可能丢掉广播，网关缓存会继续放行令牌。
 */
@KafkaClient(id = "session-revocations", acks = KafkaClient.Acknowledge.ALL)
public interface SessionRevocationClient {

    /** 发往 im-session-revocations；Future 在 Kafka 确认后完成。 */
    @Topic(Topics.SESSION_REVOCATIONS)
    CompletableFuture<RecordMetadata> send(@KafkaKey String key, byte[] value);
}
