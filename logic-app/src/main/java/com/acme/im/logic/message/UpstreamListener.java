package com.acme.im.logic.message;

import com.acme.im.logic.LogicConfiguration;
import com.acme.im.proto.event.v1.UpstreamMessage;
import com.acme.im.runtime.kafka.Topics;
import com.acme.im.runtime.trace.KafkaTraceHeaders;
import com.acme.im.runtime.trace.TraceContext;
import com.google.protobuf.InvalidProtocolBufferException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * 上行消费（im-upstream-topic，消费组 logic-app）。按批拉取，批内按会话分组：
 * 不同会话在有界线程池中并发处理，同一会话严格按偏移量顺序串行处理（键为会话 ID，同会话同分区）。
 * 整批的下行与任务记录都被 Kafka 确认后才手动提交偏移量；失败的分区回退到本批起点重新消费，
 * 因此至少一次且不跳过消息。格式错误的记录记日志、计数后跳过，不阻塞分区。
 */
@KafkaListener(groupId = "${im.logic.upstream-group:logic-app}", batch = true, offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.DISABLED, threadsValue = "${im.logic.upstream-consumer-threads:2}")
public class UpstreamListener {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamListener.class);
    /** 等待本批 Kafka 发送确认的上限；超过即视为失败，回退重新消费。 */
    private static final long SEND_TIMEOUT_SECONDS = 60;

    private final UpstreamMessageProcessor processor;
    private final MessageValidator validator;
    private final ExecutorService executor;
    private final Counter malformed;
    private final Map<UpstreamMessageProcessor.Outcome, Counter> outcomes = new EnumMap<>(UpstreamMessageProcessor.Outcome.class);
    private final Timer batchTimer;

    public UpstreamListener(UpstreamMessageProcessor processor, MessageValidator validator, LogicConfiguration configuration,
                            MeterRegistry meters) {
        this.processor = processor;
        this.validator = validator;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(1, configuration.getUpstreamParallelism()), r -> {
            Thread t = new Thread(r, "upstream-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.malformed = Counter.builder("im.logic.upstream.malformed")
                .description("upstream records skipped because they cannot be parsed or answered").register(meters);
        for (UpstreamMessageProcessor.Outcome o : UpstreamMessageProcessor.Outcome.values()) {
            outcomes.put(o, Counter.builder("im.logic.upstream.messages").tag("outcome", o.name().toLowerCase())
                    .description("processed upstream messages by outcome").register(meters));
        }
        this.batchTimer = Timer.builder("im.logic.upstream.batch").description("time to process one upstream batch").register(meters);
    }

    /** 一批记录：处理、等待发送确认、提交或回退。 */
    @Topic("${im.logic.upstream-topic:" + Topics.UPSTREAM + "}")
    public void receive(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        if (records.isEmpty()) {
            return;
        }
        Timer.Sample sample = Timer.start();
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        Map<TopicPartition, Long> nextOffsets = new HashMap<>();
        Map<String, List<Item>> byConversation = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            firstOffsets.merge(tp, r.offset(), Math::min);
            nextOffsets.merge(tp, r.offset() + 1, Math::max);
            Item item = parse(r, tp);
            if (item != null) {
                byConversation.computeIfAbsent(item.message.getConversationId(), k -> new ArrayList<>()).add(item);
            }
        }
        List<CompletableFuture<Chain>> chains = new ArrayList<>(byConversation.size());
        for (List<Item> items : byConversation.values()) {
            try {
                chains.add(CompletableFuture.supplyAsync(() -> runChain(items), executor));
            } catch (RejectedExecutionException e) {
                // 应用正在关闭：不处理、不提交，这些记录由下一个消费者重新处理
                chains.add(CompletableFuture.completedFuture(new Chain(List.of(), items.get(0).partition)));
            }
        }
        Set<TopicPartition> failed = new HashSet<>();
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (CompletableFuture<Chain> c : chains) {
            Chain chain = c.join();
            sends.addAll(chain.sends);
            if (chain.failedPartition != null) {
                failed.add(chain.failedPartition);
            }
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // 哪条记录失败无法精确对应到分区：整批回退，重放由幂等保存与下游去重兜底
            LOG.warn("kafka sends of an upstream batch failed, the batch will be consumed again: {}", e.toString());
            failed.addAll(firstOffsets.keySet());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed.addAll(firstOffsets.keySet());
        }
        commitOrRewind(consumer, firstOffsets, nextOffsets, failed);
        sample.stop(batchTimer);
    }

    private Item parse(ConsumerRecord<String, byte[]> r, TopicPartition tp) {
        if (r.value() == null) {
            malformed.increment();
            LOG.warn("skipping empty upstream record {}@{}", tp, r.offset());
            return null;
        }
        try {
            UpstreamMessage m = UpstreamMessage.parseFrom(r.value());
            if (!validator.addressable(m)) {
                malformed.increment();
                LOG.warn("skipping upstream record {}@{} without sender, gateway or connection", tp, r.offset());
                return null;
            }
            String traceId = KafkaTraceHeaders.read(r.headers());
            return new Item(tp, m, traceId == null || traceId.isEmpty() ? m.getTraceId() : traceId);
        } catch (InvalidProtocolBufferException e) {
            malformed.increment();
            LOG.warn("skipping malformed upstream record {}@{}: {}", tp, r.offset(), e.getMessage());
            return null;
        }
    }

    /** 同一会话的记录按顺序处理；某条持续失败时停止本会话的后续记录，保证不乱序。 */
    private Chain runChain(List<Item> items) {
        List<CompletableFuture<Void>> sends = new ArrayList<>(items.size());
        ConversationSnapshot snapshot = new ConversationSnapshot();
        for (Item item : items) {
            try (TraceContext.Scope ignored = TraceContext.open(item.traceId)) {
                UpstreamMessageProcessor.Processed p = processor.process(item.message, snapshot);
                outcomes.get(p.outcome()).increment();
                sends.add(p.sends());
            } catch (RuntimeException e) {
                LOG.warn("conversation {} stalled, its partition will be consumed again: {}", item.message.getConversationId(), e.toString());
                return new Chain(sends, item.partition);
            }
        }
        return new Chain(sends, null);
    }

    private void commitOrRewind(Consumer<?, ?> consumer, Map<TopicPartition, Long> firstOffsets,
                                Map<TopicPartition, Long> nextOffsets, Set<TopicPartition> failed) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> e : nextOffsets.entrySet()) {
            if (failed.contains(e.getKey())) {
                consumer.seek(e.getKey(), firstOffsets.get(e.getKey()));
            } else {
                commits.put(e.getKey(), new OffsetAndMetadata(e.getValue()));
            }
        }
        if (!commits.isEmpty()) {
            try {
                consumer.commitSync(commits);
            } catch (KafkaException e) {
                // 再均衡期间提交失败：记录会被重新消费，幂等保存保证不重复入库
                LOG.warn("upstream offset commit failed: {}", e.toString());
            }
        }
        if (!failed.isEmpty()) {
            // 给下游恢复留一点时间，避免回退后立即重放形成空转
            try {
                Thread.sleep(1000);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @PreDestroy
    void close() {
        executor.shutdown();
    }

    private record Item(TopicPartition partition, UpstreamMessage message, String traceId) {
    }

    private record Chain(List<CompletableFuture<Void>> sends, TopicPartition failedPartition) {
    }
}
