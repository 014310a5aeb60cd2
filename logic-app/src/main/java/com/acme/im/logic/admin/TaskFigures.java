package com.acme.im.logic.admin;

import com.acme.im.proto.event.v1.DeadLetter;
import com.acme.im.proto.logic.v1.AdminFunctionFigures;
import com.acme.im.runtime.kafka.KafkaConsumerProperties;
import com.acme.im.runtime.kafka.Topics;
import com.google.protobuf.InvalidProtocolBufferException;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * 任务函数的 Kafka 数字：积压 = 任务 Topic 各分区末尾偏移量 - 函数消费组已提交偏移量（没提交过按分区起点算）；
 * 死信 = 死信 Topic 中按任务类型分的记录数（每个分区只回看最近 dead-letter-scan-limit 条，免得死信很多时读太久）。
 * 只在管理员查看系统数字时执行，每次新建、用完关闭管理客户端与消费者。
 */
@Singleton
public class TaskFigures {

    private final KafkaConsumerProperties kafka;
    private final AdminConfiguration configuration;

    public TaskFigures(KafkaConsumerProperties kafka, AdminConfiguration configuration) {
        this.kafka = kafka;
        this.configuration = configuration;
    }

    /**
     * 结果。
     *
     * @param functions        各函数的积压与死信
     * @param deadLettersTotal 死信 Topic 现存记录总数
     */
    public record Result(List<AdminFunctionFigures> functions, long deadLettersTotal) {
    }

    /** 统计；Kafka 不可用或超时抛 IllegalStateException，由调用方降级。 */
    public Result measure() {
        long timeoutMs = configuration.getKafkaTimeout().toMillis();
        Properties props = kafka.admin("logic-admin-figures");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        try (AdminClient admin = AdminClient.create(props)) {
            DeadLetterCounts dead = countDeadLetters(admin, timeoutMs);
            List<AdminFunctionFigures> out = new ArrayList<>();
            for (Map.Entry<String, String> e : configuration.getConsumerGroups().entrySet()) {
                String topic = Topics.task(e.getKey());
                out.add(AdminFunctionFigures.newBuilder()
                        .setFunction(e.getValue())
                        .setTaskType(e.getKey())
                        .setTopic(topic)
                        .setLag(lag(admin, topic, e.getValue(), timeoutMs))
                        .setDeadLetters(dead.byType().getOrDefault(e.getKey(), 0L))
                        .build());
            }
            return new Result(out, dead.total());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading kafka figures", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new IllegalStateException("kafka figures unavailable: " + e, e);
        }
    }

    private long lag(AdminClient admin, String topic, String group, long timeoutMs)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<TopicPartition> partitions = partitions(admin, topic, timeoutMs);
        if (partitions.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, Long> end = offsets(admin, partitions, OffsetSpec.latest(), timeoutMs);
        Map<TopicPartition, Long> begin = offsets(admin, partitions, OffsetSpec.earliest(), timeoutMs);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(timeoutMs, TimeUnit.MILLISECONDS);
        long lag = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            long position = c == null ? begin.getOrDefault(tp, 0L) : Math.max(c.offset(), begin.getOrDefault(tp, 0L));
            lag += Math.max(0, end.getOrDefault(tp, 0L) - position);
        }
        return lag;
    }

    /** 死信计数。 */
    private record DeadLetterCounts(Map<String, Long> byType, long total) {
    }

    private DeadLetterCounts countDeadLetters(AdminClient admin, long timeoutMs)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<TopicPartition> partitions = partitions(admin, Topics.DEAD_LETTER, timeoutMs);
        if (partitions.isEmpty()) {
            return new DeadLetterCounts(Map.of(), 0);
        }
        Map<TopicPartition, Long> end = offsets(admin, partitions, OffsetSpec.latest(), timeoutMs);
        Map<TopicPartition, Long> begin = offsets(admin, partitions, OffsetSpec.earliest(), timeoutMs);
        long total = 0;
        Map<TopicPartition, Long> from = new HashMap<>();
        for (TopicPartition tp : partitions) {
            long e = end.getOrDefault(tp, 0L);
            long b = begin.getOrDefault(tp, 0L);
            total += Math.max(0, e - b);
            if (e > b) {
                from.put(tp, Math.max(b, e - configuration.getDeadLetterScanLimit()));
            }
        }
        Map<String, Long> byType = new HashMap<>();
        if (!from.isEmpty()) {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.withoutGroup("logic-admin-dead-letters"))) {
                consumer.assign(from.keySet());
                from.forEach(consumer::seek);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
                while (!from.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        byType.merge(taskTypeOf(r.value()), 1L, Long::sum);
                    }
                    from.keySet().removeIf(tp -> consumer.position(tp) >= end.get(tp));
                }
            }
        }
        return new DeadLetterCounts(byType, total);
    }

    /** 死信的任务类型：载荷里的 task_type，为空时从原 Topic 名推出；都没有记为空串（不属于任何函数）。 */
    static String taskTypeOf(byte[] value) {
        try {
            DeadLetter d = DeadLetter.parseFrom(value == null ? new byte[0] : value);
            if (!d.getTaskType().isEmpty()) {
                return d.getTaskType();
            }
            String topic = d.getSourceTopic();
            return topic.startsWith(Topics.TASK_PREFIX) ? topic.substring(Topics.TASK_PREFIX.length()) : "";
        } catch (InvalidProtocolBufferException e) {
            return "";
        }
    }

    private static List<TopicPartition> partitions(AdminClient admin, String topic, long timeoutMs)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS).get(topic);
            return d.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return List.of();
            }
            throw e;
        }
    }

    private static Map<TopicPartition, Long> offsets(AdminClient admin, List<TopicPartition> partitions, OffsetSpec spec,
                                                     long timeoutMs)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request).all()
                .get(timeoutMs, TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> out = new HashMap<>();
        result.forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }
}
