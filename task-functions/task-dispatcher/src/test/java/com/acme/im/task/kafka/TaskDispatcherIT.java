package com.acme.im.task.kafka;

import com.acme.im.proto.event.v1.DeadLetter;
import com.acme.im.proto.event.v1.TaskMessage;
import com.acme.im.runtime.kafka.Topics;
import com.acme.im.task.DeadLetterCollector;
import com.acme.im.task.TaskProcessor;
import com.acme.im.task.TestProcessors;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 真实 Kafka 与 etcd 上的分发器行为：未知类型进死信、先失败两次再成功只处理一次、
 * 永远失败的任务重试耗尽进死信且偏移量前进、后续任务不被阻塞、等待重试的分区不拖住其他分区、实例登记到 etcd。
 */
@MicronautTest(environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TaskDispatcherIT implements TestPropertyProvider {

    static final String BOOTSTRAP = System.getenv().getOrDefault("IM_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    final String runId = UUID.randomUUID().toString().substring(0, 8);
    final String flakyType = "it-flaky-" + runId;
    final String brokenType = "it-broken-" + runId;
    final String group = "task-dispatcher-it-" + runId;
    DeadLetterCollector deadLetters;
    KafkaProducer<byte[], byte[]> producer;

    @Inject
    List<TaskProcessor> processors;
    @Inject
    ApplicationContext context;
    @Inject
    TaskConsumerRunner runner;

    @Override
    public Map<String, String> getProperties() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(Topics.task(flakyType), 1, (short) 1),
                    new NewTopic(Topics.task(brokenType), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        deadLetters = new DeadLetterCollector(BOOTSTRAP, runId);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP),
                new ByteArraySerializer(), new ByteArraySerializer());
        return Map.of("spec.name", "TaskDispatcherIT",
                "test.types.flaky", flakyType,
                "test.types.broken", brokenType,
                "im.task.consumer.group-id", group,
                "im.task.instance-id", "it-" + runId);
    }

    @AfterAll
    void close() throws Exception {
        producer.close();
        deadLetters.close();
    }

    /**
     * 新消费组一拿到分区就提交起点：否则第一次提交之前的重平衡会让新持有者按 latest 重置，跳过还在重试的记录。
     * 排在最前，此时本组还没处理、也没提交过任何记录。
     */
    @Test
    @Order(1)
    void aNewGroupCommitsItsStartingPositionsOnAssignment() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> runner.assignedPartitions() == 2);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                return committed.get(new TopicPartition(Topics.task(flakyType), 0)) != null
                        && committed.get(new TopicPartition(Topics.task(brokenType), 0)) != null;
            });
        }
    }

    @Test
    void failingTwiceThenSucceedingIsProcessedOnce() throws Exception {
        send(flakyType, task("flaky-ok", flakyType, "2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> flaky().succeeded.contains("flaky-ok"));
        assertEquals(1, flaky().succeeded.stream().filter("flaky-ok"::equals).count());
        assertEquals(3, flaky().attempts.get("flaky-ok").get());
        assertTrue(deadLetters.letters().stream().noneMatch(d -> d.getError().contains("flaky-ok")));
    }

    @Test
    void alwaysFailingGoesToDeadLetterAndDoesNotBlockTheNextTask() throws Exception {
        long failedOffset = send(flakyType, task("flaky-never", flakyType, "1000"));
        long nextOffset = send(flakyType, task("after-never", flakyType, "0"));
        await().atMost(Duration.ofSeconds(30)).until(() -> flaky().succeeded.contains("after-never"));
        DeadLetter letter = awaitDeadLetter(flakyType, failedOffset);
        assertEquals(4, letter.getAttempts());
        assertEquals(4, flaky().attempts.get("flaky-never").get());
        assertEquals(flakyType, letter.getTaskType());
        assertTrue(letter.getError().contains("simulated failure 4 of flaky-never"), letter.getError());
        assertEquals("flaky-never", TaskMessage.parseFrom(letter.getOriginalValue()).getTaskId());
        assertEquals("it-" + runId, letter.getProcessorInstance());
        // 偏移量已越过失败记录
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get().get(new TopicPartition(Topics.task(flakyType), 0));
                return committed != null && committed.offset() > nextOffset;
            });
        }
    }

    @Test
    void aPartitionWaitingToRetryDoesNotHoldUpOtherPartitions() throws Exception {
        int before = broken().attempts.get();
        long brokenOffset = send(brokenType, task("broken-slow", brokenType, "0"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> broken().attempts.get() > before);
        // broken 任务还要重试 3 次、退避共 700 毫秒；它的分区暂停期间，同一消费线程上另一个分区的任务照常处理
        send(flakyType, task("not-held-up", flakyType, "0"));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> flaky().succeeded.contains("not-held-up"));
        assertTrue(broken().attempts.get() - before < 4, "flaky task waited for the broken one's retries");
        assertEquals(4, awaitDeadLetter(brokenType, brokenOffset).getAttempts());
    }

    @Test
    void brokenProcessorIsDeadLetteredAfterConfiguredAttempts() throws Exception {
        long offset = send(brokenType, task("broken-1", brokenType, "0"));
        DeadLetter letter = awaitDeadLetter(brokenType, offset);
        assertEquals(4, letter.getAttempts());
        assertTrue(letter.getError().contains("always broken"));
    }

    @Test
    void unknownTypeGoesToDeadLetter() throws Exception {
        long offset = send(flakyType, task("unknown-1", "no-such-type", "0"));
        DeadLetter letter = awaitDeadLetter(flakyType, offset);
        assertTrue(letter.getError().contains("unknown task type 'no-such-type'"), letter.getError());
        assertEquals("unknown-1", TaskMessage.parseFrom(letter.getOriginalValue()).getTaskId());
    }

    @Test
    void malformedBytesGoToDeadLetter() throws Exception {
        byte[] garbage = "not a protobuf \u0000\u00ff".getBytes(StandardCharsets.UTF_8);
        long offset = producer.send(new ProducerRecord<>(Topics.task(flakyType), "k".getBytes(StandardCharsets.UTF_8), garbage))
                .get().offset();
        DeadLetter letter = awaitDeadLetter(flakyType, offset);
        assertTrue(letter.getError().startsWith("malformed task"), letter.getError());
        assertEquals("k", letter.getOriginalKey().toStringUtf8());
        assertEquals(garbage.length, letter.getOriginalValue().size());
    }

    @Test
    void instanceIsRegisteredInEtcdWithItsTaskTypes() throws Exception {
        try (Client etcd = Client.builder().endpoints(System.getenv().getOrDefault("IM_ETCD_ENDPOINT", "http://127.0.0.1:2379")).build()) {
            ByteSequence prefix = ByteSequence.from("/im/functions/task-dispatcher-it/it-" + runId, StandardCharsets.UTF_8);
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    !etcd.getKVClient().get(prefix, GetOption.builder().isPrefix(true).build()).get().getKvs().isEmpty());
            KeyValue kv = etcd.getKVClient().get(prefix, GetOption.builder().isPrefix(true).build()).get().getKvs().get(0);
            assertEquals("/im/functions/task-dispatcher-it/it-" + runId, kv.getKey().toString(StandardCharsets.UTF_8));
            String json = kv.getValue().toString(StandardCharsets.UTF_8);
            assertTrue(json.contains("\"task-types\":\"" + brokenType + "," + flakyType + "\""), json);
            assertTrue(json.contains("\"consumer-group\":\"" + group + "\""), json);
            assertTrue(kv.getLease() != 0, "registration must be bound to a lease");
        }
    }

    private TestProcessors.Flaky flaky() {
        return TestProcessors.flaky(processors);
    }

    private TestProcessors.Broken broken() {
        return processors.stream().filter(TestProcessors.Broken.class::isInstance).map(TestProcessors.Broken.class::cast)
                .findFirst().orElseThrow();
    }

    private DeadLetter awaitDeadLetter(String type, long offset) {
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.letters().stream()
                .anyMatch(d -> d.getSourceTopic().equals(Topics.task(type)) && d.getSourceOffset() == offset));
        return deadLetters.letters().stream()
                .filter(d -> d.getSourceTopic().equals(Topics.task(type)) && d.getSourceOffset() == offset)
                .findFirst().orElseThrow();
    }

    private long send(String type, TaskMessage task) throws Exception {
        return producer.send(new ProducerRecord<>(Topics.task(type), "c1".getBytes(StandardCharsets.UTF_8), task.toByteArray()))
                .get().offset();
    }

    static TaskMessage task(String id, String type, String failTimes) {
        return TaskMessage.newBuilder().setTaskId(id).setTaskType(type).setTraceId("trace-" + id)
                .setCreatedAt(System.currentTimeMillis()).putHeaders("fail-times", failTimes).build();
    }
}
