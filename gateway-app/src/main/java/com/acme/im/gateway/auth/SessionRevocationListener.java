package com.acme.im.gateway.auth;

import com.acme.im.gateway.GatewayIdentity;
import com.acme.im.proto.event.v1.SessionRevocation;
import com.acme.im.runtime.kafka.KafkaConsumerProperties;
import com.acme.im.runtime.kafka.TopicProvisioner;
import com.acme.im.runtime.kafka.Topics;
import com.google.protobuf.InvalidProtocolBufferException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
 * 消费会话吊销广播（im-session-revocations），把会话在本网关的 SessionValidityCache 中标记为吊销。
 * 每个网关都必须看到每一条吊销，所以不加入消费组：分配全部分区、启动时跳到末尾（启动前缓存为空，旧吊销无需重放），
 * 不提交偏移量。消费者属性复制自 micronaut-kafka 的消费者配置，kafka.*（security.protocol、sasl、ssl 等）因此同样生效。
 * 坏记录只记日志与指标后跳过，消费线程永不退出；Broker 故障时退避重试。
 */
@Context
public class SessionRevocationListener {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRevocationListener.class);

    private final KafkaConsumerProperties kafka;
    private final TopicProvisioner topics;
    private final GatewayAuthConfiguration configuration;
    private final GatewayIdentity identity;
    private final SessionValidityCache sessions;
    private final MeterRegistry meters;
    private volatile boolean running;
    private volatile boolean polling;
    private Thread thread;
    private KafkaConsumer<byte[], byte[]> consumer;

    public SessionRevocationListener(KafkaConsumerProperties kafka, TopicProvisioner topics,
                                     GatewayAuthConfiguration configuration, GatewayIdentity identity,
                                     SessionValidityCache sessions, MeterRegistry meters) {
        this.kafka = kafka;
        this.topics = topics;
        this.configuration = configuration;
        this.identity = identity;
        this.sessions = sessions;
        this.meters = meters;
    }

    @PostConstruct
    void start() {
        String topic = Topics.SESSION_REVOCATIONS;
        topics.ensure(topic, configuration.revocationPartitions(), configuration.revocationReplicationFactor(),
                configuration.revocationStartupTimeout(), "session-revocations-admin-" + identity.id());
        consumer = new KafkaConsumer<>(consumerProperties());
        List<TopicPartition> partitions = TopicProvisioner.partitionsOf(consumer, topic, configuration.revocationStartupTimeout());
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // 立即求值位置：启动完成后发生的每一次吊销都必须被读到
        for (TopicPartition p : partitions) {
            consumer.position(p, configuration.revocationStartupTimeout());
        }
        running = true;
        thread = new Thread(this::loop, "session-revocations-" + identity.id());
        thread.setDaemon(true);
        thread.start();
        LOG.info("consuming {} ({} partitions, no consumer group)", topic, partitions.size());
    }

    @PreDestroy
    void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** 消费线程是否在运行（健康检查用）：它停了，登出就只能等缓存过期才在本网关生效。 */
    public boolean isPolling() {
        return running && polling && thread != null && thread.isAlive();
    }

    private void loop() {
        long backoffMillis = 100;
        try {
            while (running) {
                try {
                    polling = true;
                    // 有记录时 poll 立即返回；超时只决定多久检查一次 running
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(configuration.revocationPollTimeout())) {
                        handle(record);
                    }
                    backoffMillis = 100;
                } catch (WakeupException e) {
                    // stop() 唤醒；running 已为 false 时退出循环
                } catch (Exception e) {
                    LOG.warn("session revocation poll failed, retrying in {} ms: {}", backoffMillis, e.toString());
                    meters.counter("im.gateway.auth.revocation_poll_errors").increment();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoffMillis));
                    backoffMillis = Math.min(backoffMillis * 2, 5000);
                }
            }
        } finally {
            polling = false;
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (Exception e) {
                LOG.debug("closing session revocation consumer failed: {}", e.toString());
            }
        }
    }

    /** 处理单条记录；任何异常在此止步。 */
    void handle(ConsumerRecord<byte[], byte[]> record) {
        SessionRevocation revocation;
        try {
            revocation = SessionRevocation.parseFrom(record.value() == null ? new byte[0] : record.value());
        } catch (InvalidProtocolBufferException e) {
            revocation = null;
        }
        if (revocation == null || revocation.getUserId() <= 0 || revocation.getSessionId().isEmpty()) {
            meters.counter("im.gateway.auth.revocation_bad_records").increment();
            LOG.warn("skipping bad session revocation record {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        sessions.markRevoked(revocation.getUserId(), revocation.getSessionId());
        meters.counter("im.gateway.auth.revocations_received").increment();
        LOG.debug("session {} of user {} revoked", revocation.getSessionId(), revocation.getUserId());
    }

    /** micronaut-kafka 的消费者属性（kafka.* 与 kafka.consumers.default.*）加上本消费者必须的覆盖项。 */
    Properties consumerProperties() {
        // 不用消费组：每个网关都要读到全部分区；不提交偏移量，重启后从末尾开始
        Properties p = kafka.withoutGroup("session-revocations-" + identity.id());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return p;
    }



}
