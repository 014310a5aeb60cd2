package com.acme.im.logic.revision;

import com.acme.im.logic.message.MessageRouter;
import com.acme.im.logic.presence.PresenceQueryService;
import com.acme.im.proto.common.v1.Presence;
import com.acme.im.proto.event.v1.DeliveryTarget;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.runtime.delivery.DeliveryPublisher;
import com.acme.im.runtime.delivery.GatewayRouting;
import com.acme.im.runtime.trace.TraceContext;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * 把一个实时事件发给会话的在线成员（每个成员的全部连接）：取全部参与者、批量查在线、按网关归并，
 * 走与新消息相同的下行 Topic。离线成员不推送：之后拉历史时看到的已是库里的最新状态。
 */
@Singleton
public class ConversationNotifier {

    private final MessageRouter router;
    private final PresenceQueryService presence;
    private final DeliveryPublisher deliveries;

    public ConversationNotifier(MessageRouter router, PresenceQueryService presence, DeliveryPublisher deliveries) {
        this.router = router;
        this.presence = presence;
        this.deliveries = deliveries;
    }

    /**
     * 通知在线成员。
     *
     * @param excludeUserId 不通知的用户（正在输入的本人）；0 表示通知全部成员，含操作者自己的其他设备
     * @return Kafka 确认的 future 与目标连接组数
     */
    public Notice notifyOnline(ConversationId id, DownstreamDelivery event, long excludeUserId) {
        List<Long> users = new ArrayList<>(router.participants(id));
        users.removeIf(u -> u == excludeUserId);
        if (users.isEmpty()) {
            return new Notice(CompletableFuture.completedFuture(null), 0);
        }
        List<Presence> online = presence.lookup(users);
        Map<String, List<DeliveryTarget>> byGateway = GatewayRouting.byGateway(online, GatewayRouting::allConnections);
        if (byGateway.isEmpty()) {
            return new Notice(CompletableFuture.completedFuture(null), 0);
        }
        int targets = byGateway.values().stream().mapToInt(List::size).sum();
        DownstreamDelivery traced = event.toBuilder().setTraceId(TraceContext.currentOrEmpty()).build();
        return new Notice(deliveries.publish(id.value(), byGateway, traced), targets);
    }

    /**
     * 一次通知的结果。
     *
     * @param sent    全部下行记录被 Kafka 确认时完成
     * @param targets 目标数（每个在线用户在每个网关上一个）
     */
    public record Notice(CompletableFuture<Void> sent, int targets) {
    }
}
