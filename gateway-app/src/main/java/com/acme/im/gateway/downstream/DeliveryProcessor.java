package com.acme.im.gateway.downstream;

import com.acme.im.gateway.conversation.ConversationViews;
import com.acme.im.gateway.ws.Connection;
import com.acme.im.gateway.ws.OutboundFrame;
import com.acme.im.gateway.ws.ResendGuard;
import com.acme.im.gateway.ws.ConnectionRegistry;
import com.acme.im.gateway.ws.ServerFrames;
import com.acme.im.proto.event.v1.DeliveryTarget;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.SessionRevokedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 把下行投递送到本地连接：JSON 帧只序列化（并编码为 UTF-8）一次，按连接放入发送缓冲，
 * 一次 poll 结束时每个连接只切一次事件循环、只 flush 一次。
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
    private final Timer latency;
    private final ResendGuard resends;

    public DeliveryProcessor(ConnectionRegistry registry, ServerFrames frames, MeterRegistry meters, ResendGuard resends) {
        this.resends = resends;
        this.registry = registry;
        this.frames = frames;
        this.meters = meters;
        this.latency = meters.timer("im.gateway.downstream.latency");
    }

    /** 一次 poll 的发送缓冲。 */
    public Outbox outbox() {
        return new Outbox();
    }

    /** 处理单条投递并立即发出（测试与单条路径用）。 */
    public int process(DownstreamDelivery delivery) {
        Outbox outbox = new Outbox();
        int n = process(delivery, outbox);
        outbox.flush();
        return n;
    }

    /**
     * 处理一条投递：帧只序列化一次，按连接放入发送缓冲，由 {@link Outbox#flush()} 统一发出。
     *
     * @return 目标连接数
     */
    public int process(DownstreamDelivery delivery, Outbox outbox) {
        if (delivery.getEventCase() == DownstreamDelivery.EventCase.SESSION_REVOKED) {
            // 先发出已排队的帧，再关连接，保持先后顺序
            outbox.flush();
            return revoke(delivery.getSessionRevoked());
        }
        String frame = switch (delivery.getEventCase()) {
            case NEW_MESSAGE -> frames.newMessage(ConversationViews.MessageView.of(delivery.getNewMessage().getMessage()));
            case MESSAGE_ACK -> frames.messageAck(delivery.getMessageAck());
            case READ_RECEIPT -> frames.readReceipt(delivery.getReadReceipt());
            case ONLINE_STATUS -> frames.onlineStatus(delivery.getOnlineStatus());
            case MESSAGE_MASKED -> frames.messageMasked(delivery.getMessageMasked());
            case MESSAGE_RECALLED -> frames.messageRecalled(delivery.getMessageRecalled());
            case MESSAGE_EDITED -> frames.messageEdited(ConversationViews.MessageView.of(delivery.getMessageEdited().getMessage()));
            case TYPING -> frames.typing(delivery.getTyping());
            case FRIEND_REQUEST -> frames.friendRequest(delivery.getFriendRequest());
            case FRIEND_ADDED -> frames.friendAdded(delivery.getFriendAdded());
            case GROUP_UPDATED -> frames.groupUpdated(delivery.getGroupUpdated());
            case CONVERSATION_SETTINGS -> frames.conversationSettings(delivery.getConversationSettings());
            default -> null;
        };
        if (frame == null) {
            meters.counter("im.gateway.downstream.skipped", "reason", "no-event").increment();
            LOG.warn("downstream delivery without a known event ({}), skipped", delivery.getEventCase());
            return 0;
        }
        OutboundFrame bytes = OutboundFrame.of(frame);
        // 同一连接在多个目标中出现时只发一次
        Set<Connection> connections = new LinkedHashSet<>();
        for (DeliveryTarget target : delivery.getTargetsList()) {
            connections.addAll(registry.resolve(target));
        }
        for (Connection c : connections) {
            outbox.add(c, bytes);
        }
        if (delivery.getEventCase() == DownstreamDelivery.EventCase.MESSAGE_ACK) {
            // 确认已到：之后同一 client_msg_id 的重发照常写入上行（logic 会回原消息的 ack）
            connections.forEach(c -> resends.done(c, delivery.getMessageAck().getClientMsgId()));
        }
        meters.counter("im.gateway.downstream.frames", "type", delivery.getEventCase().name().toLowerCase()).increment(connections.size());
        if (delivery.getCreatedAt() > 0) {
            latency.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - delivery.getCreatedAt())));
        }
        return connections.size();
    }

    /**
     * 发送缓冲：按连接归并帧，flush 时每个连接一次事件循环任务、一次 socket flush。
     * 只在消费线程内使用。
     */
    public static final class Outbox {
        private final Map<Connection, List<OutboundFrame>> pending = new LinkedHashMap<>();

        void add(Connection connection, OutboundFrame frame) {
            pending.computeIfAbsent(connection, c -> new ArrayList<>(4)).add(frame);
        }

        /** 发出全部已排队的帧。 */
        public void flush() {
            for (Map.Entry<Connection, List<OutboundFrame>> e : pending.entrySet()) {
                e.getKey().sendAll(e.getValue());
            }
            pending.clear();
        }
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
