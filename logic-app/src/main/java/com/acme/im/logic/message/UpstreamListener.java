package com.acme.im.logic.message;

import com.acme.im.proto.event.v1.UpstreamMessage;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.GrpcErrors;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.kafka.Topics;
import com.acme.im.runtime.trace.KafkaTraceHeaders;
import com.google.protobuf.InvalidProtocolBufferException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * 上行消费（im-upstream-topic，消费组 logic-app）：每次 poll 的整批交给 {@link UpstreamBatchProcessor} 一次处理，
 * 等本批的下行与任务记录全部被 Kafka 确认后才（异步）提交偏移量。
 * 处理或发送失败时抛出，由 micronaut-kafka 的 RETRY_ON_ERROR 把这些分区退回本批起点、暂停一段时间后重新消费
 * （暂停由消费循环完成，不在消费线程上 sleep），无限重试：基础设施恢复前不跳过任何消息。
 * 格式错误的记录记日志、计数后跳过，不阻塞分区。
 */
@KafkaListener(groupId = "${im.logic.upstream-group:logic-app}", batch = true, offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.DISABLED, threadsValue = "${im.logic.upstream-consumer-threads:1}",
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "500ms",
                retryCount = Integer.MAX_VALUE))
public class UpstreamListener {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamListener.class);
    /** 等待本批 Kafka 发送确认的上限；超过即视为失败，回退重新消费。 */
    private static final long SEND_TIMEOUT_SECONDS = 60;

    private final UpstreamBatchProcessor processor;
    private final MessageValidator validator;
    private final Counter malformed;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter quiet;
    private final Counter rejected;
    private final Timer batchTimer;
    private final Timer ackTimer;

    public UpstreamListener(UpstreamBatchProcessor processor, MessageValidator validator, MeterRegistry meters) {
        this.processor = processor;
        this.validator = validator;
        this.malformed = Counter.builder("im.logic.upstream.malformed")
                .description("upstream records skipped because they cannot be parsed or answered").register(meters);
        this.accepted = outcome(meters, "accepted");
        this.duplicates = outcome(meters, "duplicate");
        this.quiet = outcome(meters, "duplicate_quiet");
        this.rejected = outcome(meters, "rejected");
        this.batchTimer = Timer.builder("im.logic.upstream.batch").description("time to process one upstream batch").register(meters);
        this.ackTimer = Timer.builder("im.logic.upstream.stage").tag("stage", "kafka_ack")
                .description("time spent in one stage of an upstream batch").register(meters);
    }

    private static Counter outcome(MeterRegistry meters, String name) {
        return Counter.builder("im.logic.upstream.messages").tag("outcome", name)
                .description("processed upstream messages by outcome").register(meters);
    }

    /** 一批记录：处理、等待发送确认、提交；失败时抛出，整批稍后重来。 */
    @Topic("${im.logic.upstream-topic:" + Topics.UPSTREAM + "}")
    public void receive(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        if (records.isEmpty()) {
            return;
        }
        Timer.Sample sample = Timer.start();
        Map<Integer, Long> firstOffsets = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        List<UpstreamBatchProcessor.UpstreamRecord> parsed = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> r : records) {
            firstOffsets.merge(r.partition(), r.offset(), Math::min);
            commits.merge(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
            UpstreamBatchProcessor.UpstreamRecord record = parse(r);
            if (record != null) {
                parsed.add(record);
            }
        }
        if (!parsed.isEmpty()) {
            UpstreamBatchProcessor.BatchResult result;
            try {
                result = processor.process(parsed, firstOffsets);
            } catch (RuntimeException e) {
                ImException im = GrpcErrors.fromThrowable(e);
                LOG.warn("upstream batch of {} records failed ({} {}), it will be consumed again", records.size(), im.code(),
                        im.getMessage());
                throw im;
            }
            Timer.Sample acking = Timer.start();
            await(result);
            acking.stop(ackTimer);
            accepted.increment(result.accepted());
            duplicates.increment(result.duplicates());
            quiet.increment(result.quiet());
            rejected.increment(result.rejected());
        }
        // 异步提交：本批的发送已全部确认，提交只是记录进度，不必让下一次 poll 等一个 broker 往返。
        // 同一消费者的异步提交按序完成，后一次覆盖前一次；关闭时 KafkaConsumer 会等在途的提交。
        // 提交丢失（再均衡、崩溃）时新的持有者从上次提交处重新消费：幂等保存保证不重复入库
        try {
            consumer.commitAsync(commits, (offsets, error) -> {
                if (error != null) {
                    LOG.warn("upstream offset commit failed: {}", error.toString());
                }
            });
        } catch (KafkaException e) {
            LOG.warn("upstream offset commit failed: {}", e.toString());
        }
        sample.stop(batchTimer);
    }

    private static void await(UpstreamBatchProcessor.BatchResult result) {
        try {
            result.sends().get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("kafka sends of an upstream batch failed, the batch will be consumed again: {}", e.toString());
            throw new ImException(ErrorCode.UNAVAILABLE, "kafka sends of an upstream batch failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImException(ErrorCode.UNAVAILABLE, "interrupted while waiting for kafka", e);
        }
    }

    private UpstreamBatchProcessor.UpstreamRecord parse(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            malformed.increment();
            LOG.warn("skipping empty upstream record {}-{}@{}", r.topic(), r.partition(), r.offset());
            return null;
        }
        try {
            UpstreamMessage m = UpstreamMessage.parseFrom(r.value());
            if (!validator.addressable(m)) {
                malformed.increment();
                LOG.warn("skipping upstream record {}-{}@{} without sender, gateway or connection", r.topic(), r.partition(), r.offset());
                return null;
            }
            String traceId = KafkaTraceHeaders.read(r.headers());
            return new UpstreamBatchProcessor.UpstreamRecord(r.partition(), r.offset(), m,
                    traceId == null || traceId.isEmpty() ? m.getTraceId() : traceId);
        } catch (InvalidProtocolBufferException e) {
            malformed.increment();
            LOG.warn("skipping malformed upstream record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            return null;
        }
    }
}
