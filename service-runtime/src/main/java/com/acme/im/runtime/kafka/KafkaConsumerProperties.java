package com.acme.im.runtime.kafka;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.config.DefaultKafkaConsumerConfiguration;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.util.Properties;

/**
 * 手工创建的 KafkaConsumer（按运行时才确定的 Topic 分配分区的消费者）的配置来源：
 * 以 micronaut-kafka 的消费者默认配置（kafka.* 与 kafka.consumers.default.*）为底，
 * 使 security.protocol、sasl.*、ssl.* 等设置对所有消费者生效（例如接入启用 TLS/IAM 的 MSK），再覆盖本消费者自己的键。
 */
@Singleton
@Requires(classes = KafkaClient.class)
public class KafkaConsumerProperties {

    private final DefaultKafkaConsumerConfiguration<?, ?> defaults;

    public KafkaConsumerProperties(DefaultKafkaConsumerConfiguration<?, ?> defaults) {
        this.defaults = defaults;
    }

    /** kafka.* 的公共连接设置（含安全设置），供 AdminClient 等使用。 */
    public Properties common() {
        Properties p = new Properties();
        p.putAll(defaults.getConfig());
        return p;
    }

    /**
     * 字节数组键值、手动提交的消费者配置。
     *
     * @param groupId  消费组
     * @param clientId 客户端 ID（日志与指标用）
     */
    public Properties forGroup(String groupId, String clientId) {
        Properties p = common();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }
}
