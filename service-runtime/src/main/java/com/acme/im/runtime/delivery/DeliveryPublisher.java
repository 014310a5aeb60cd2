package com.acme.im.runtime.delivery;

import com.acme.im.proto.event.v1.DeliveryTarget;
import com.acme.im.proto.event.v1.DownstreamBatch;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.runtime.kafka.Topics;
import com.acme.im.runtime.trace.TraceContext;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * 下行投递的唯一出口：每个网关一条 DownstreamBatch 记录（超过大小上限时按顺序拆成几条，同键同分区仍有序），
 * 填上追踪 ID 与产生时间。返回的 Future 在 Kafka 确认全部记录后完成；同步抛出的生产者错误也转为失败的 Future。
 */
@Singleton
@Requires(classes = KafkaClient.class)
public class DeliveryPublisher {

    /** 单条记录的字节上限，低于 Kafka 默认的 1 MiB max.request.size，留出头与压缩余量。 */
    static final int MAX_RECORD_BYTES = 512 * 1024;

    private final DownstreamClient client;

    public DeliveryPublisher(DownstreamClient client) {
        this.client = client;
    }

    /**
     * 发布一批投递。
     *
     * @param key   记录键；调用方保证同一会话的先后投递用相同或先被确认的键，以保持顺序
     * @param batch 投递
     */
    public CompletableFuture<Void> publish(String key, DeliveryBatch batch) {
        if (batch.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        String trace = TraceContext.currentOrEmpty();
        long now = System.currentTimeMillis();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (Map.Entry<String, List<DownstreamDelivery>> e : batch.byGateway().entrySet()) {
            String topic = Topics.downstream(e.getKey());
            DownstreamBatch.Builder record = DownstreamBatch.newBuilder();
            int bytes = 0;
            for (DownstreamDelivery d : e.getValue()) {
                DownstreamDelivery.Builder b = d.toBuilder().setCreatedAt(now);
                if (b.getTraceId().isEmpty()) {
                    b.setTraceId(trace);
                }
                DownstreamDelivery delivery = b.build();
                int size = delivery.getSerializedSize() + 8;
                if (bytes > 0 && bytes + size > MAX_RECORD_BYTES) {
                    sends.add(send(topic, key, record.build()));
                    record = DownstreamBatch.newBuilder();
                    bytes = 0;
                }
                record.addDeliveries(delivery);
                bytes += size;
            }
            sends.add(send(topic, key, record.build()));
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    /** 一个事件发给按网关分组的目标。 */
    public CompletableFuture<Void> publish(String key, Map<String, List<DeliveryTarget>> byGateway, DownstreamDelivery event) {
        return publish(key, new DeliveryBatch().add(byGateway, event));
    }

    /** 一个事件发给一个网关上的指定目标。 */
    public CompletableFuture<Void> publishTo(String gatewayId, String key, List<DeliveryTarget> targets, DownstreamDelivery event) {
        return publish(key, new DeliveryBatch().add(gatewayId, targets, event));
    }

    private CompletableFuture<?> send(String topic, String key, DownstreamBatch record) {
        try {
            return client.send(topic, key, record.toByteArray());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
