package com.acme.im.logic.contact;

import com.acme.im.logic.presence.PresenceQueryService;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.FriendAddedEvent;
import com.acme.im.proto.event.v1.FriendRequestEvent;
import com.acme.im.proto.repo.v1.FriendRequest;
import com.acme.im.runtime.delivery.DeliveryPublisher;
import com.acme.im.runtime.delivery.GatewayRouting;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * 好友事件的实时通知：经下行 Topic 发给用户的全部在线连接。只是提示：状态已在库里，
 * 失败只记日志，离线或没收到的设备之后拉申请列表、好友列表即可看到。
 */
@Singleton
public class ContactNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(ContactNotifier.class);

    private final PresenceQueryService presence;
    private final DeliveryPublisher deliveries;

    public ContactNotifier(PresenceQueryService presence, DeliveryPublisher deliveries) {
        this.presence = presence;
        this.deliveries = deliveries;
    }

    /** friend-request：发给接收者。 */
    public void requestReceived(FriendRequest r) {
        send(r.getToUserId(), DownstreamDelivery.newBuilder().setFriendRequest(FriendRequestEvent.newBuilder()
                .setRequestId(r.getId())
                .setFromUserId(r.getFromUserId())
                .setToUserId(r.getToUserId())
                .setNote(r.getNote())
                .setCreatedAt(r.getCreatedAt())).build());
    }

    /** friend-added：双方各收到一帧，friend_user_id 是对方。 */
    public void friendAdded(FriendRequest r) {
        long now = r.getUpdatedAt() > 0 ? r.getUpdatedAt() : System.currentTimeMillis();
        send(r.getFromUserId(), added(r.getId(), r.getToUserId(), now));
        send(r.getToUserId(), added(r.getId(), r.getFromUserId(), now));
    }

    private static DownstreamDelivery added(long requestId, long friendId, long now) {
        return DownstreamDelivery.newBuilder().setFriendAdded(FriendAddedEvent.newBuilder()
                .setRequestId(requestId).setFriendUserId(friendId).setTimestamp(now)).build();
    }

    private void send(long userId, DownstreamDelivery event) {
        try {
            var byGateway = GatewayRouting.byGateway(presence.lookup(List.of(userId)), GatewayRouting::allConnections);
            deliveries.publish("contact-" + userId, byGateway, event).whenComplete((v, e) -> {
                if (e != null) {
                    LOG.warn("{} for user {} not delivered: {}", event.getEventCase(), userId, e.toString());
                }
            });
        } catch (RuntimeException e) {
            // 状态已保存，通知只是实时提示：失败不影响本次调用
            LOG.warn("{} for user {} not delivered: {}", event.getEventCase(), userId, e.toString());
        }
    }
}
