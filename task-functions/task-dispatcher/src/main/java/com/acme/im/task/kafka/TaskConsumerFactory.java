package com.acme.im.task.kafka;

import com.acme.im.runtime.kafka.KafkaConsumerProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.util.Properties;

/**
 * 按 micronaut-kafka 的消费者配置创建任务消费者：kafka.*（bootstrap.servers、security.protocol、sasl.*、ssl.* 等）
 * 与 kafka.consumers.default.* 原样生效，TLS 或 IAM 认证的 Kafka（如 AWS MSK）因此只需配置，不必改代码。
 * 其上覆盖的只有正确性依赖的几项（消费组、手动提交、字节反序列化器、客户端 ID）与 im.task.consumer.* 的取值。
 */
@Singleton
@Requires(notEnv = Environment.FUNCTION)
public class TaskConsumerFactory {

    private final KafkaConsumerProperties kafka;
    private final TaskConsumerConfiguration config;
    private final String groupId;

    public TaskConsumerFactory(KafkaConsumerProperties kafka,
                               TaskConsumerConfiguration config,
                               @Value("${micronaut.application.name:task-function}") String applicationName) {
        this.kafka = kafka;
        this.config = config;
        this.groupId = config.getGroupId() == null || config.getGroupId().isBlank() ? applicationName : config.getGroupId();
    }

    /** 消费组名：im.task.consumer.group-id，为空时取应用名。 */
    public String groupId() {
        return groupId;
    }

    /** 一个消费者的完整配置。 */
    public Properties properties(String clientId) {
        // 共用的底座：kafka.* 与 kafka.consumers.default.*，并固定手动提交与字节反序列化器
        Properties p = kafka.forGroup(groupId, clientId);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, config.getAutoOffsetReset());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(config.getMaxPollRecords()));
        if (!config.getBatchWait().isZero()) {
            p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Long.toString(config.getBatchWait().toMillis()));
            p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(config.getBatchMinBytes()));
        }
        // 实例被 kill -9 后其分区 10 秒内转给别的实例（Kafka 默认 45 秒）；kafka.consumers.default.* 可覆盖
        p.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        p.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
        return p;
    }

    /** 新建一个消费者（尚未订阅）。 */
    public Consumer<byte[], byte[]> create(String clientId) {
        return new KafkaConsumer<>(properties(clientId), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
