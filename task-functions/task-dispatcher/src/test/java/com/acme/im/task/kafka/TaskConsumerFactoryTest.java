package com.acme.im.task.kafka;

import io.micronaut.context.ApplicationContext;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * micronaut-kafka 的 kafka.* 配置（TLS、SASL/IAM）必须到达任务消费者，正确性依赖的几项不能被覆盖。
 */
class TaskConsumerFactoryTest {

    @Test
    void kafkaSecuritySettingsReachTheConsumer() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "kafka.bootstrap.servers", "b-1.msk.example:9098",
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "AWS_MSK_IAM",
                "kafka.sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;",
                "kafka.ssl.endpoint.identification.algorithm", "https",
                "kafka.enable.auto.commit", "true",
                "kafka.group.id", "someone-else",
                "micronaut.application.name", "fanout-function",
                "im.task.consumer.enabled", false))) {
            Properties p = ctx.getBean(TaskConsumerFactory.class).properties("fanout-1");
            assertEquals("b-1.msk.example:9098", p.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
            assertEquals("SASL_SSL", p.get("security.protocol"));
            assertEquals("AWS_MSK_IAM", p.get("sasl.mechanism"));
            assertEquals("software.amazon.msk.auth.iam.IAMLoginModule required;", p.get("sasl.jaas.config"));
            assertEquals("https", p.get("ssl.endpoint.identification.algorithm"));
            // 正确性依赖的几项由任务消费者决定
            assertEquals("false", p.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
            assertEquals("fanout-function", p.get(ConsumerConfig.GROUP_ID_CONFIG));
            assertEquals("fanout-1", p.get(ConsumerConfig.CLIENT_ID_CONFIG));
        }
    }

    @Test
    void defaultConsumerSettingsApplyAndTaskSettingsWin() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:9092",
                "kafka.consumers.default.security.protocol", "SSL",
                "kafka.consumers.default.fetch.min.bytes", "4096",
                "kafka.consumers.default.max.poll.records", "999",
                "im.task.consumer.group-id", "tasks-it",
                "im.task.consumer.max-poll-records", "20",
                "im.task.consumer.enabled", false))) {
            Properties p = ctx.getBean(TaskConsumerFactory.class).properties("c");
            assertEquals("SSL", p.get("security.protocol"));
            assertEquals("4096", p.get("fetch.min.bytes"));
            assertEquals("20", p.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
            assertEquals("tasks-it", p.get(ConsumerConfig.GROUP_ID_CONFIG));
        }
    }

    @Test
    void batchWaitSetsTheFetchWaitAndMinimumBytes() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:9092",
                "im.task.consumer.batch-wait", "100ms",
                "im.task.consumer.enabled", false))) {
            Properties p = ctx.getBean(TaskConsumerFactory.class).properties("c");
            assertEquals("100", p.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG));
            assertEquals("16384", p.get(ConsumerConfig.FETCH_MIN_BYTES_CONFIG));
        }
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:9092",
                "im.task.consumer.enabled", false))) {
            // 默认不攒批：有记录立即返回（扇出、推送对延迟敏感）
            Properties p = ctx.getBean(TaskConsumerFactory.class).properties("c");
            assertEquals(null, p.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG));
        }
    }
}
