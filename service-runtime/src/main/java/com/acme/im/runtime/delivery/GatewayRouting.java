package com.acme.im.runtime.delivery;

import com.acme.im.proto.common.v1.Presence;
import com.acme.im.proto.event.v1.DeliveryTarget;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * 按网关归并投递目标：每个网关只发一条携带其全部目标的记录，而不是每个用户一条，
 * 大群消息因此只产生“在线网关数”条下行记录。
 */
public final class GatewayRouting {

    private GatewayRouting() {
    }

    /**
     * 把在线用户的目标按其所在网关分组；离线用户被忽略，一个用户在多个网关上时每个网关各得一个目标。
     * 发送者（senderId）的目标排除发送连接，让他的其他设备收到、发送连接只收 ack。
     *
     * @param presences        在线状态（可含离线）
     * @param senderId         发送者，0 表示没有
     * @param senderConnection 发送连接 ID，可为空
     * @return 网关 ID 到目标列表，保持首次出现的顺序
     */
    public static Map<String, List<DeliveryTarget>> byGateway(Collection<Presence> presences, long senderId,
                                                               String senderConnection) {
        return byGateway(presences, user -> target(user, senderId, senderConnection));
    }

    /** 同上，但每个用户的目标由调用方给出（如在线通知、吊销只需普通目标）。 */
    public static Map<String, List<DeliveryTarget>> byGateway(Collection<Presence> presences, LongFunction<DeliveryTarget> target) {
        Map<String, List<DeliveryTarget>> result = new LinkedHashMap<>();
        for (Presence p : presences) {
            if (!p.getOnline()) {
                continue;
            }
            DeliveryTarget t = null;
            for (String gateway : p.getGatewayIdsList()) {
                if (gateway.isEmpty()) {
                    continue;
                }
                List<DeliveryTarget> targets = result.computeIfAbsent(gateway, g -> new ArrayList<>());
                if (t == null) {
                    t = target.apply(p.getUserId());
                }
                if (!targets.contains(t)) {
                    targets.add(t);
                }
            }
        }
        return result;
    }

    /** 普通目标：该用户在网关上的全部连接。 */
    public static DeliveryTarget allConnections(long userId) {
        return DeliveryTarget.newBuilder().setUserId(userId).build();
    }

    /** 普通目标为该用户在网关上的全部连接；发送者的目标排除发送连接。 */
    public static DeliveryTarget target(long userId, long senderId, String senderConnection) {
        DeliveryTarget.Builder t = DeliveryTarget.newBuilder().setUserId(userId);
        if (userId == senderId && senderConnection != null && !senderConnection.isEmpty()) {
            t.setExcludeConnectionId(senderConnection);
        }
        return t.build();
    }

    /** 在线状态中离线的用户（排除发送者），供离线推送使用。 */
    public static List<Long> offline(Collection<Presence> presences, long senderId) {
        List<Long> out = new ArrayList<>();
        for (Presence p : presences) {
            if (!p.getOnline() && p.getUserId() != senderId) {
                out.add(p.getUserId());
            }
        }
        return out;
    }
}
