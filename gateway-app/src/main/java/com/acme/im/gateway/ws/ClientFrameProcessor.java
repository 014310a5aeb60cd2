package com.acme.im.gateway.ws;

import com.acme.im.gateway.rpc.Deadlines;
import com.acme.im.gateway.upstream.UpstreamService;
import com.acme.im.proto.logic.v1.ConversationServiceGrpc;
import com.acme.im.proto.logic.v1.MarkAsReadRequest;
import com.acme.im.proto.logic.v1.MessageServiceGrpc;
import com.acme.im.proto.logic.v1.RelayTypingRequest;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.GrpcErrors;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.trace.TraceContext;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 处理一条客户端帧（在连接的串行执行道上运行）：解析、限流、转发。
 * 任何失败都回一个 error 帧，连接保持可用；这里抛出的异常也被执行道兜住，不会中断连接。
 */
@Singleton
public class ClientFrameProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ClientFrameProcessor.class);

    private final FrameParser parser;
    private final ServerFrames frames;
    private final SendRateLimiter rateLimiter;
    private final UpstreamService upstream;
    private final ConversationServiceGrpc.ConversationServiceBlockingStub conversations;
    private final Deadlines deadlines;
    private final MeterRegistry meters;
    private final ResendGuard resends;
    private final MessageServiceGrpc.MessageServiceBlockingStub messages;
    private final TypingThrottle typingThrottle;

    public ClientFrameProcessor(FrameParser parser, ServerFrames frames, SendRateLimiter rateLimiter,
                                UpstreamService upstream,
                                ConversationServiceGrpc.ConversationServiceBlockingStub conversations,
                                Deadlines deadlines, MeterRegistry meters, ResendGuard resends,
                                MessageServiceGrpc.MessageServiceBlockingStub messages, TypingThrottle typingThrottle) {
        this.resends = resends;
        this.messages = messages;
        this.typingThrottle = typingThrottle;
        this.parser = parser;
        this.frames = frames;
        this.rateLimiter = rateLimiter;
        this.upstream = upstream;
        this.conversations = conversations;
        this.deadlines = deadlines;
        this.meters = meters;
    }

    /** 处理一帧文本。 */
    public void process(Connection connection, String text) {
        try (TraceContext.Scope ignored = TraceContext.open(null)) {
            String traceId = TraceContext.current();
            ClientFrame frame;
            try {
                frame = parser.parse(text);
            } catch (FrameRejectedException e) {
                reject(connection, e.errorCode(), e.getMessage(), e.messageId(), e.clientMsgId());
                return;
            }
            try {
                if (frame instanceof ClientFrame.SendMessage send) {
                    send(connection, send, traceId);
                } else if (frame instanceof ClientFrame.Ping ping) {
                    connection.send(frames.pong(ping.messageId()));
                } else if (frame instanceof ClientFrame.Read read) {
                    read(connection, read);
                } else if (frame instanceof ClientFrame.Typing typing) {
                    typing(connection, typing);
                }
            } catch (RuntimeException e) {
                LOG.error("frame handling failed on connection {}", connection.id(), e);
                reject(connection, ErrorCode.INTERNAL, ErrorCode.INTERNAL.defaultMessage(), frame.messageId(),
                        frame instanceof ClientFrame.SendMessage s ? s.clientMsgId() : null);
            }
        }
    }

    private void send(Connection connection, ClientFrame.SendMessage frame, String traceId) {
        if (!resends.begin(connection, frame.clientMsgId())) {
            // 同一 client_msg_id 已写入上行、还没 ack：Kafka 已持有它，ack 会到，不必再写一次（也不占限流额度）
            return;
        }
        if (!rateLimiter.tryAcquire(connection.userId())) {
            resends.done(connection, frame.clientMsgId());
            reject(connection, ErrorCode.RATE_LIMITED, "sending too fast, slow down", frame.messageId(), frame.clientMsgId());
            return;
        }
        upstream.publish(connection, frame, traceId).whenComplete((metadata, error) -> {
            if (error != null) {
                resends.done(connection, frame.clientMsgId());
                try (TraceContext.Scope ignored = TraceContext.open(traceId)) {
                    LOG.warn("upstream produce failed for client_msg_id {}: {}", frame.clientMsgId(), error.toString());
                    reject(connection, ErrorCode.UNAVAILABLE, "message not accepted, retry with the same client_msg_id",
                            frame.messageId(), frame.clientMsgId());
                }
            } else {
                meters.counter("im.gateway.upstream.published").increment();
            }
        });
    }

    private void read(Connection connection, ClientFrame.Read frame) {
        try {
            deadlines.logic(conversations).markAsRead(MarkAsReadRequest.newBuilder()
                    .setUserId(connection.userId())
                    .setConversationId(frame.conversationId())
                    .setSeq(frame.seq())
                    .build());
        } catch (RuntimeException e) {
            ImException im = GrpcErrors.fromThrowable(e);
            reject(connection, im.errorCode(),
                    im.errorCode() == ErrorCode.INTERNAL ? ErrorCode.INTERNAL.defaultMessage() : im.getMessage(),
                    frame.messageId(), null);
        }
    }

    /**
     * 正在输入：限频后经 logic 的 RelayTyping 转发（logic 检查成员关系并查在线成员），不经上行 Topic、不存储。
     * 限频内的重复提示静默丢弃；成功不回帧，失败（如不是成员）回 error 帧。
     */
    private void typing(Connection connection, ClientFrame.Typing frame) {
        if (!typingThrottle.tryAcquire(connection.userId(), frame.conversationId())) {
            meters.counter("im.gateway.typing.throttled").increment();
            return;
        }
        try {
            deadlines.logic(messages).relayTyping(RelayTypingRequest.newBuilder()
                    .setUserId(connection.userId())
                    .setConversationId(frame.conversationId())
                    .build());
        } catch (RuntimeException e) {
            ImException im = GrpcErrors.fromThrowable(e);
            if (im.errorCode() == ErrorCode.UNAVAILABLE || im.errorCode() == ErrorCode.INTERNAL) {
                // 只有基础设施故障才归还名额让客户端马上重试；被拒（如不是成员）的名额保留，
                // 外人刷 typing 每会话每 3 秒只换来一次 logic 调用与一个 error 帧
                typingThrottle.release(connection.userId(), frame.conversationId());
            }
            reject(connection, im.errorCode(),
                    im.errorCode() == ErrorCode.INTERNAL ? ErrorCode.INTERNAL.defaultMessage() : im.getMessage(),
                    frame.messageId(), null);
        }
    }

    private void reject(Connection connection, ErrorCode code, String message, String messageId, String clientMsgId) {
        meters.counter("im.gateway.ws.frames.rejected", "code", Integer.toString(code.code())).increment();
        connection.send(frames.error(code, message, messageId, clientMsgId));
    }
}
