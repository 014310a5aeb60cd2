package com.acme.im.logic.delivery;

import com.acme.im.proto.event.v1.DeliveryTarget;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.runtime.kafka.Topics;
import com.acme.im.runtime.trace.TraceContext;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * 下行投递的唯一出口：给每条记录填上追踪 ID、目标网关与产生时间，再发往该网关的 Topic。
 * 返回的 Future 在 Kafka 确认全部记录后完成。
 */
@Singleton
public class DeliveryPublisher {

    private final DownstreamClient client;

    public DeliveryPublisher(DownstreamClient client) {
        this.client = client;
    }

    /**
     * 每个网关一条记录。
     *
     * @param key      记录键（会话 ID 或用户 ID），保证同键有序
     * @param byGateway 网关到目标
     * @param event    只含事件的模板（targets、网关与时间由这里填写）
     */
    public CompletableFuture<Void> publish(String key, Map<String, List<DeliveryTarget>> byGateway, DownstreamDelivery event) {
        if (byGateway.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<?>> sends = new ArrayList<>(byGateway.size());
        for (Map.Entry<String, List<DeliveryTarget>> e : byGateway.entrySet()) {
            sends.add(send(e.getKey(), key, e.getValue(), event));
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    /** 发给一个网关上的指定目标（如发送确认只发给发送连接）。 */
    public CompletableFuture<Void> publishTo(String gatewayId, String key, List<DeliveryTarget> targets, DownstreamDelivery event) {
        return send(gatewayId, key, targets, event).thenApply(m -> null);
    }

    private CompletableFuture<?> send(String gatewayId, String key, List<DeliveryTarget> targets, DownstreamDelivery event) {
        DownstreamDelivery delivery = event.toBuilder()
                .setTraceId(TraceContext.currentOrEmpty())
                .setGatewayId(gatewayId)
                .clearTargets()
                .addAllTargets(targets)
                .setCreatedAt(System.currentTimeMillis())
                .build();
        try {
            return client.send(Topics.downstream(gatewayId), key, delivery.toByteArray());
        } catch (RuntimeException e) {
            // 生产者同步抛出的错误（如元数据超时）统一转为失败的 Future，由调用方决定重试
            return CompletableFuture.failedFuture(e);
        }
    }
}
