package com.acme.im.runtime.delivery;

import com.acme.im.proto.event.v1.DeliveryTarget;
import com.acme.im.proto.event.v1.DownstreamDelivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 一批待发布的下行投递，按网关归并、保持加入顺序。由 {@link DeliveryPublisher} 发成每网关一条（过大时几条）记录。
 * 只在一个线程内组装，不做同步。
 */
public final class DeliveryBatch {

    private final Map<String, List<DownstreamDelivery>> byGateway = new LinkedHashMap<>();
    private int size;

    /**
     * 把一个事件发给若干网关上的目标。
     *
     * @param targets 网关 ID 到该网关上的目标
     * @param event   只含事件的模板（targets、网关、追踪 ID 与时间由这里与发布者填写）
     */
    public DeliveryBatch add(Map<String, List<DeliveryTarget>> targets, DownstreamDelivery event) {
        for (Map.Entry<String, List<DeliveryTarget>> e : targets.entrySet()) {
            add(e.getKey(), e.getValue(), event);
        }
        return this;
    }

    /** 把一个事件发给一个网关上的指定目标（如发送确认只发给发送连接）。 */
    public DeliveryBatch add(String gatewayId, List<DeliveryTarget> targets, DownstreamDelivery event) {
        if (gatewayId == null || gatewayId.isEmpty() || targets.isEmpty()) {
            return this;
        }
        DownstreamDelivery delivery = event.toBuilder()
                .setGatewayId(gatewayId)
                .clearTargets()
                .addAllTargets(targets)
                .build();
        byGateway.computeIfAbsent(gatewayId, g -> new ArrayList<>()).add(delivery);
        size++;
        return this;
    }

    /** 投递总数。 */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** 网关到其投递（加入顺序）。 */
    Map<String, List<DownstreamDelivery>> byGateway() {
        return byGateway;
    }
}
