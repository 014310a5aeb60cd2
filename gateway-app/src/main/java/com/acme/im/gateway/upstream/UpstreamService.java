package com.acme.im.gateway.upstream;

import com.acme.im.gateway.GatewayIdentity;
import com.acme.im.gateway.ws.ClientFrame;
import com.acme.im.gateway.ws.Connection;
import com.acme.im.proto.event.v1.UpstreamMessage;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.concurrent.CompletableFuture;

/**
 * 把已校验的 send-message 帧转换为 UpstreamMessage 并写入 Kafka。
 * 发送者 ID 取自连接的令牌，网关 ID 与连接 ID 让 logic 能把 ack 送回这条连接。
 */
@Singleton
public class UpstreamService {

    private final UpstreamPublisher publisher;
    private final GatewayIdentity identity;

    public UpstreamService(UpstreamPublisher publisher, GatewayIdentity identity) {
        this.publisher = publisher;
        this.identity = identity;
    }

    /** 发布一条上行消息；同步抛出的生产者异常也转成失败的 future，调用方只需处理一处。 */
    public CompletableFuture<RecordMetadata> publish(Connection connection, ClientFrame.SendMessage frame, String traceId) {
        UpstreamMessage message = UpstreamMessage.newBuilder()
                .setTraceId(traceId)
                .setUserId(connection.userId())
                .setGatewayId(identity.id())
                .setConnectionId(connection.id())
                .setConversationId(frame.conversationId())
                .setType(frame.messageType())
                .setContent(frame.content())
                .setClientMsgId(frame.clientMsgId())
                .setReplyTo(frame.replyTo())
                .addAllMentionedUserIds(frame.mentionedUserIds())
                .setMentionAll(frame.mentionAll())
                .setTimestamp(System.currentTimeMillis())
                .build();
        try {
            return publisher.publish(frame.conversationId(), message.toByteArray(), traceId);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
