package com.acme.im.gateway.upstream;

import com.acme.im.runtime.kafka.Topics;
import com.acme.im.runtime.trace.TraceContext;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.messaging.annotation.MessageHeader;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.concurrent.CompletableFuture;

/**
 * 上行消息生产者：键为会话 ID（同一会话进同一分区，保证顺序），值为 UpstreamMessage 的 protobuf 字节。
 * acks=all，确认后才算发送成功；失败由调用方回 1007 错误帧。
 */
@KafkaClient(id = "upstream", acks = KafkaClient.Acknowledge.ALL)
public interface UpstreamPublisher {

    /** 默认 im-upstream-topic；可用 im.gateway.upstream-topic 改名，让测试环境与共用同一 Kafka 的开发环境隔离。 */
    @Topic("${im.gateway.upstream-topic:" + Topics.UPSTREAM + "}")
    CompletableFuture<RecordMetadata> publish(@KafkaKey String conversationId, byte[] upstreamMessage,
                                              @MessageHeader(TraceContext.HEADER) String traceId);
}
