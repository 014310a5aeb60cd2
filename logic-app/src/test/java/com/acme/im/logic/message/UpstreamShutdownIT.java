package com.acme.im.logic.message;

import com.acme.im.testsupport.RepoAppProcess;
import io.micronaut.configuration.kafka.ConsumerRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * 正常停机（SIGTERM 触发的上下文关闭）时上行消费者离开消费组：分区立刻交给其它 logic 实例，
 * 而不是等 session.timeout（10 s）过后协调者才发现它不在了。
 */
class UpstreamShutdownIT {

    @Test
    void closingTheAppLeavesTheUpstreamConsumerGroupAtOnce() throws Exception {
        String topic = "im-upstream-shutdown-it-" + UUID.randomUUID();
        String group = "logic-shutdown-it-" + UUID.randomUUID();
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        try (Admin admin = Admin.create(adminProps)) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            ApplicationContext app = ApplicationContext.run(Map.of(
                    "im.logic.upstream-topic", topic,
                    "im.logic.upstream-group", group,
                    "grpc.channels.repo-app.address", RepoAppProcess.address(),
                    "grpc.channels.repo-app.plaintext", "true"), Environment.TEST);
            ConsumerRegistry registry = app.getBean(ConsumerRegistry.class);
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                    registry.getConsumerIds().stream().mapToInt(id -> registry.getConsumerAssignment(id).size()).sum() == 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> members(admin, group) > 0);

            long closedAt = System.nanoTime();
            app.close();
            // 明显短于 10 s 的会话超时：离开消费组是主动的，不是被超时踢出
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> members(admin, group) == 0);
            System.out.printf("UpstreamShutdownIT: group empty %d ms after close%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closedAt));
        }
    }

    private static int members(Admin admin, String group) throws Exception {
        ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
        return d.members().size();
    }
}
