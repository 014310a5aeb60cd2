package com.acme.im.runtime.kafka;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.util.Map;
import java.util.Properties;

/**
 * 手工创建的 KafkaConsumer（按运行时才确定的 Topic 分配分区的消费者：网关的下行 Topic、吊销广播、任务函数）的配置来源：
 * 以 micronaut-kafka 的 kafka.* 为底、叠加 kafka.consumers.default.*，使 security.protocol、sasl.*、ssl.* 等设置
 * 对所有消费者生效（例如接入启用 TLS/IAM 的 MSK），再覆盖本消费者自己的键。
 * 不注入 micronaut 的消费者配置 Bean：设置了具名消费者（kafka.consumers.xxx）的应用里它有多个实例或不存在。
 */
@Singleton
@Requires(classes = KafkaClient.class)
public class KafkaConsumerProperties {

    /** 所有消费者共用的设置的前缀。 */
    static final String CONSUMER_DEFAULTS = "kafka.consumers.default";

    private final KafkaDefaultConfiguration kafka;
    private final Environment environment;

    public KafkaConsumerProperties(KafkaDefaultConfiguration kafka, Environment environment) {
        this.kafka = kafka;
        this.environment = environment;
    }

    /** kafka.* 的公共连接设置（含安全设置），供 AdminClient 等使用。 */
    public Properties common() {
        Properties p = new Properties();
        p.putAll(kafka.getConfig());
        return p;
    }

    /** 管理客户端属性：同一套连接与安全设置，只留 AdminClient 认识的键，避免无关告警。 */
    public Properties admin(String clientId) {
        Properties p = new Properties();
        kafka.getConfig().forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(String.valueOf(k))) {
                p.put(k, v);
            }
        });
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return p;
    }

    /**
     * 不加入消费组的消费者（自己分配全部分区、从不提交）：每个实例都要读到全部记录时使用，例如吊销广播。
     */
    public Properties withoutGroup(String clientId) {
        Properties p = forGroup("", clientId);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
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
        for (Map.Entry<String, Object> e : environment.getProperties(CONSUMER_DEFAULTS, StringConvention.RAW).entrySet()) {
            if (e.getValue() != null) {
                p.put(e.getKey(), e.getValue().toString());
            }
        }
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        // 偏移量只在工作完成后手动提交，自动提交会在处理前就越过记录
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }
}
