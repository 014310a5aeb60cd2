package com.acme.im.logic.support;

import com.acme.im.proto.event.v1.DownstreamBatch;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.TaskMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * 测试用的普通 KafkaConsumer：从测试开始时刻读取给定 Topic，收集下行投递与任务消息。
 */
public final class DownstreamProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

    private DownstreamProbe(Collection<String> topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "logic-it-probe-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            // 新网关的下行 Topic 此时可能还不存在：查询元数据会按 Broker 的 auto.create 创建它
            List<PartitionInfo> infos = await().atMost(Duration.ofSeconds(30))
                    .until(() -> consumer.partitionsFor(topic, Duration.ofSeconds(5)), l -> l != null && !l.isEmpty());
            infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** 从当前末尾开始监听这些 Topic。 */
    public static DownstreamProbe listen(Collection<String> topics) {
        return new DownstreamProbe(topics);
    }

    /** 等到某 Topic 上出现满足条件的下行投递并返回它。 */
    public DownstreamDelivery awaitDelivery(String topic, Predicate<DownstreamDelivery> condition) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            poll();
            return deliveries(topic).stream().filter(condition).findFirst().orElse(null);
        }, d -> d != null);
    }

    /** 等到某任务 Topic 上出现满足条件的任务并返回它。 */
    public TaskMessage awaitTask(String topic, Predicate<TaskMessage> condition) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            poll();
            return tasks(topic).stream().filter(condition).findFirst().orElse(null);
        }, t -> t != null);
    }

    /** 已收到的某 Topic 的全部下行投递。 */
    public List<DownstreamDelivery> deliveries(String topic) {
        poll();
        List<DownstreamDelivery> result = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            if (r.topic().equals(topic)) {
                result.addAll(parse(() -> DownstreamBatch.parseFrom(r.value())).getDeliveriesList());
            }
        }
        return result;
    }

    /** 已收到的某 Topic 的全部任务。 */
    public List<TaskMessage> tasks(String topic) {
        poll();
        List<TaskMessage> result = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            if (r.topic().equals(topic)) {
                result.add(parse(() -> TaskMessage.parseFrom(r.value())));
            }
        }
        return result;
    }

    /** 原始记录（含键与头）。 */
    public List<ConsumerRecord<String, byte[]>> records() {
        poll();
        return List.copyOf(records);
    }

    private synchronized void poll() {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
    }

    private interface Parser<T> {
        T parse() throws InvalidProtocolBufferException;
    }

    private static <T> T parse(Parser<T> p) {
        try {
            return p.parse();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }

    /** 便于断言的目标摘要：用户 ID 到排除的连接。 */
    public static Map<Long, String> excludes(DownstreamDelivery d) {
        java.util.Map<Long, String> m = new java.util.TreeMap<>();
        d.getTargetsList().forEach(t -> m.put(t.getUserId(), t.getExcludeConnectionId()));
        return m;
    }
}
