package com.acme.im.gateway.downstream;

import com.acme.im.gateway.GatewayConfiguration;
import com.acme.im.gateway.GatewayIdentity;
import com.acme.im.proto.event.v1.DownstreamBatch;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.runtime.kafka.KafkaConsumerProperties;
import com.acme.im.runtime.kafka.TopicProvisioner;
import com.acme.im.runtime.trace.KafkaTraceHeaders;
import com.acme.im.runtime.trace.TraceContext;
import com.google.protobuf.InvalidProtocolBufferException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * 消费本网关专属的下行 Topic（im-downstream-topic-{gatewayId}）。
 * 启动时幂等地创建 Topic，分配全部分区并跳到末尾：重启前的投递对应的连接已不存在，客户端重连后按 seq 补拉。
 * 坏记录（解析失败、处理异常）只记日志与指标后跳过，消费线程永不退出；Broker 故障时退避重试。
 * 用独立线程而非 @KafkaListener，因为 Topic 名取决于运行时才确定的网关 ID。
 */
@Context
public class DownstreamListener {

    private static final Logger LOG = LoggerFactory.getLogger(DownstreamListener.class);
    /** 下行消费位置的提交间隔。 */
    private static final long COMMIT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final GatewayIdentity identity;
    private final GatewayConfiguration configuration;
    private final DeliveryProcessor processor;
    private final MeterRegistry meters;
    private final TopicProvisioner topics;
    private final KafkaConsumerProperties consumerProperties;
    private volatile boolean running;
    private volatile boolean polling;
    private Thread thread;
    private KafkaConsumer<byte[], byte[]> consumer;

    public DownstreamListener(GatewayIdentity identity, GatewayConfiguration configuration, DeliveryProcessor processor,
                              MeterRegistry meters, KafkaConsumerProperties consumerProperties, TopicProvisioner topics) {
        this.consumerProperties = consumerProperties;
        this.topics = topics;
        this.identity = identity;
        this.configuration = configuration;
        this.processor = processor;
        this.meters = meters;
    }

    @PostConstruct
    void start() {
        String topic = identity.downstreamTopic();
        topics.ensure(topic, configuration.getDownstreamPartitions(), configuration.getDownstreamReplicationFactor(),
                configuration.getDownstreamStartupTimeout(), "downstream-admin-" + identity.id());
        consumer = new KafkaConsumer<>(consumerProperties());
        List<TopicPartition> partitions = TopicProvisioner.partitionsOf(consumer, topic, configuration.getDownstreamStartupTimeout());
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // 立即求值位置，保证启动完成后产生的每条投递都能被读到
        for (TopicPartition p : partitions) {
            consumer.position(p, configuration.getDownstreamStartupTimeout());
        }
        running = true;
        thread = new Thread(this::loop, "downstream-" + identity.id());
        thread.setDaemon(true);
        thread.start();
        LOG.info("consuming {} ({} partitions) as group {}", topic, partitions.size(), identity.consumerGroup());
    }

    /**
     * 停机：唤醒阻塞中的 poll；正在处理的一批照常处理完并提交，然后关闭消费者。
     * 优雅停机先关完 WebSocket 才销毁本 bean，所以这里不会再有投递丢给仍在线的连接。等待上限 downstream-close-timeout。
     */
    @PreDestroy
    void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(configuration.getDownstreamCloseTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("downstream consumer did not stop within {}", configuration.getDownstreamCloseTimeout());
            }
        }
    }

    /** 消费线程是否在运行（健康检查用）。 */
    public boolean isPolling() {
        return running && polling && thread != null && thread.isAlive();
    }

    private void loop() {
        long backoffMillis = 100;
        long lastCommitNanos = System.nanoTime();
        try {
            while (running) {
                try {
                    polling = true;
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        // 整个 poll 的帧按连接归并，每个连接只切一次事件循环、只 flush 一次
                        DeliveryProcessor.Outbox outbox = processor.outbox();
                        for (ConsumerRecord<byte[], byte[]> record : records) {
                            handle(record, outbox);
                        }
                        outbox.flush();
                    }
                    // 启动时总是从末尾读起，提交的位置只给运维看消费进度：每秒至多一次，省下每批一次的
                    // OffsetCommit 请求（broker 要为每次提交写 __consumer_offsets）
                    if (!records.isEmpty() && System.nanoTime() - lastCommitNanos >= COMMIT_INTERVAL_NANOS) {
                        lastCommitNanos = System.nanoTime();
                        consumer.commitAsync((offsets, error) -> {
                            if (error != null) {
                                LOG.debug("offset commit failed: {}", error.toString());
                            }
                        });
                    }
                    backoffMillis = 100;
                } catch (WakeupException e) {
                    // stop() 唤醒；running 已为 false 时退出循环
                } catch (Exception e) {
                    LOG.warn("downstream poll failed, retrying in {} ms: {}", backoffMillis, e.toString());
                    meters.counter("im.gateway.downstream.poll_errors").increment();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoffMillis));
                    backoffMillis = Math.min(backoffMillis * 2, 5000);
                }
            }
        } finally {
            polling = false;
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (Exception e) {
                LOG.debug("closing downstream consumer failed: {}", e.toString());
            }
        }
    }

    /** 处理单条记录（一个 DownstreamBatch）；任何异常在此止步。 */
    void handle(ConsumerRecord<byte[], byte[]> record, DeliveryProcessor.Outbox outbox) {
        try (TraceContext.Scope ignored = TraceContext.open(KafkaTraceHeaders.read(record.headers()))) {
            DownstreamBatch batch;
            try {
                batch = DownstreamBatch.parseFrom(record.value() == null ? new byte[0] : record.value());
            } catch (InvalidProtocolBufferException e) {
                meters.counter("im.gateway.downstream.bad_records", "reason", "unparseable").increment();
                LOG.warn("skipping unparseable downstream record {}-{}@{}", record.topic(), record.partition(), record.offset());
                return;
            }
            for (DownstreamDelivery delivery : batch.getDeliveriesList()) {
                try {
                    processor.process(delivery, outbox);
                } catch (Exception e) {
                    meters.counter("im.gateway.downstream.bad_records", "reason", "processing").increment();
                    LOG.error("skipping a delivery of downstream record {}-{}@{} after processing failure", record.topic(),
                            record.partition(), record.offset(), e);
                }
            }
        }
    }



    private Properties consumerProperties() {
        Properties p = consumerProperties.forGroup(identity.consumerGroup(), "downstream-" + identity.id());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        return p;
    }
}
