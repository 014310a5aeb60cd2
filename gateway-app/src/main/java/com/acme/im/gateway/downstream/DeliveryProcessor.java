package com.acme.im.gateway.downstream;

import com.acme.im.gateway.conversation.ConversationViews;
import com.acme.im.gateway.ws.Connection;
import com.acme.im.gateway.ws.ConnectionRegistry;
import com.acme.im.gateway.ws.ServerFrames;
import com.acme.im.proto.event.v1.DeliveryTarget;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.SessionRevokedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 把一条下行投递送到本地连接：JSON 帧只序列化一次，再异步发给所有目标连接。
 * 会话吊销事件不发帧，而是关闭该令牌族的连接（关闭码 4001）。
 */
@Singleton
public class DeliveryProcessor {

    /** 会话被吊销（登出）时的关闭码。 */
    public static final int CLOSE_SESSION_REVOKED = 4001;

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryProcessor.class);

    private final ConnectionRegistry registry;
    private final ServerFrames frames;
    private final MeterRegistry meters;

    public DeliveryProcessor(ConnectionRegistry registry, ServerFrames frames, MeterRegistry meters) {
        this.registry = registry;
        this.frames = frames;
        this.meters = meters;
    }

    /**
     * 处理一条投递。
     *
     * @return 实际发送的连接数
     */
    public int process(DownstreamDelivery delivery) {
        if (delivery.getEventCase() == DownstreamDelivery.EventCase.SESSION_REVOKED) {
            return revoke(delivery.getSessionRevoked());
        }
        String frame = switch (delivery.getEventCase()) {
            case NEW_MESSAGE -> frames.newMessage(ConversationViews.MessageView.of(delivery.getNewMessage().getMessage()));
            case MESSAGE_ACK -> frames.messageAck(delivery.getMessageAck());
            case READ_RECEIPT -> frames.readReceipt(delivery.getReadReceipt());
            case ONLINE_STATUS -> frames.onlineStatus(delivery.getOnlineStatus());
            case MESSAGE_MASKED -> frames.messageMasked(delivery.getMessageMasked());
            default -> null;
        };
        if (frame == null) {
            meters.counter("im.gateway.downstream.skipped", "reason", "no-event").increment();
            LOG.warn("downstream delivery without a known event ({}), skipped", delivery.getEventCase());
            return 0;
        }
        // 同一连接在多个目标中出现时只发一次
        Map<String, Connection> connections = new LinkedHashMap<>();
        for (DeliveryTarget target : delivery.getTargetsList()) {
            for (Connection c : registry.resolve(target)) {
                connections.putIfAbsent(c.id(), c);
            }
        }
        for (Connection c : connections.values()) {
            c.send(frame);
        }
        meters.counter("im.gateway.downstream.frames", "type", delivery.getEventCase().name().toLowerCase()).increment(connections.size());
        if (delivery.getCreatedAt() > 0) {
            meters.timer("im.gateway.downstream.latency").record(
                    java.time.Duration.ofMillis(Math.max(0, System.currentTimeMillis() - delivery.getCreatedAt())));
        }
        return connections.size();
    }

    private int revoke(SessionRevokedEvent event) {
        int closed = 0;
        for (Connection c : registry.ofUser(event.getUserId())) {
            if (!event.getSessionId().isEmpty() && event.getSessionId().equals(c.sessionId())) {
                c.close(CLOSE_SESSION_REVOKED, "session revoked");
                closed++;
            }
        }
        LOG.info("session {} of user {} revoked, closed {} connections", event.getSessionId(), event.getUserId(), closed);
        return closed;
    }
}
