package com.acme.im.logic.delivery;

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
     *
     * @param presences 在线状态（可含离线）
     * @param target    由用户 ID 构造该用户的投递目标
     * @return 网关 ID 到目标列表，保持首次出现的顺序
     */
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
}
