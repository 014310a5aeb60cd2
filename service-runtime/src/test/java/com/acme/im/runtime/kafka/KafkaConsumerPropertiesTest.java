package com.acme.im.runtime.kafka;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 手工创建的消费者也拿到 kafka.* 的安全设置（TLS/SASL 的 MSK 才能接入），再覆盖自己的组与反序列化器。
 */
class KafkaConsumerPropertiesTest {

    @Test
    void kafkaSecuritySettingsReachHandBuiltConsumers() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "kafka.bootstrap.servers", "broker-1:9094",
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "AWS_MSK_IAM",
                "kafka.health.enabled", false))) {
            Properties p = ctx.getBean(KafkaConsumerProperties.class).forGroup("gw-1", "downstream-gw-1");

            assertEquals("SASL_SSL", p.get("security.protocol"));
            assertEquals("AWS_MSK_IAM", p.get("sasl.mechanism"));
            assertEquals("broker-1:9094", p.get("bootstrap.servers"));
            assertEquals("gw-1", p.get("group.id"));
            assertEquals("false", p.get("enable.auto.commit"));
        }
    }

    @Test
    void consumerDefaultsApplyButNamedConsumersDoNotLeakAndOwnKeysWin() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "kafka.bootstrap.servers", "broker-1:9094",
                "kafka.consumers.default.ssl.truststore.location", "/etc/kafka/truststore.jks",
                "kafka.consumers.default.enable.auto.commit", "true",
                "kafka.consumers.logic-app.max.poll.records", "7",
                "kafka.health.enabled", false))) {
            Properties p = ctx.getBean(KafkaConsumerProperties.class).forGroup("g", "c");

            assertEquals("/etc/kafka/truststore.jks", p.get("ssl.truststore.location"));
            assertEquals("false", p.get("enable.auto.commit"), "manual commit cannot be switched off by configuration");
            assertEquals(null, p.get("max.poll.records"));
            assertEquals(false, p.keySet().stream().anyMatch(k -> k.toString().startsWith("consumers.")), p.toString());
        }
    }
}
