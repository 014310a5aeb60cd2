package com.acme.im.task.lambda;

import com.acme.im.proto.event.v1.DeadLetter;
import com.acme.im.proto.event.v1.TaskMessage;
import com.acme.im.runtime.kafka.Topics;
import com.acme.im.task.DeadLetterCollector;
import com.acme.im.task.DispatchReport;
import com.acme.im.task.TaskProcessor;
import com.acme.im.task.TestProcessors;
import com.acme.im.task.kafka.TaskConsumerRunner;
import com.acme.im.task.registration.FunctionRegistration;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lambda 处理器处理一个按 Lambda 实际格式构造的 KafkaEvent（键值 base64），
 * 走与常驻消费者相同的分发器：重试、死信；且 Lambda 中不启动 Kafka 消费者与 etcd 登记。
 */
class TaskLambdaHandlerIT {

    static final String BOOTSTRAP = System.getenv().getOrDefault("IM_KAFKA_BOOTSTRAP", "127.0.0.1:9092");

    @Test
    void processesKafkaEventThroughTheSameDispatcher() throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String flakyType = "lambda-flaky-" + runId;
        String topic = Topics.task(flakyType);
        LambdaApplicationContextBuilder builder = new LambdaApplicationContextBuilder();
        builder.environments("test").properties(Map.of(
                "spec.name", "TaskLambdaHandlerIT",
                "test.types.flaky", flakyType,
                "test.types.broken", "lambda-broken-" + runId,
                "kafka.bootstrap.servers", BOOTSTRAP));
        try (DeadLetterCollector deadLetters = new DeadLetterCollector(BOOTSTRAP, runId);
             TaskLambdaHandler handler = new TaskLambdaHandler(builder)) {
            assertFalse(handler.getApplicationContext().containsBean(TaskConsumerRunner.class));
            assertFalse(handler.getApplicationContext().containsBean(FunctionRegistration.class));

            KafkaEvent event = new KafkaEvent();
            event.setEventSource("aws:kafka");
            event.setEventSourceArn("arn:aws:kafka:us-east-1:123456789012:cluster/im/abc");
            event.setBootstrapServers(BOOTSTRAP);
            event.setRecords(Map.of(topic + "-0", List.of(
                    record(topic, 10, task("lambda-a", flakyType, "1")),
                    record(topic, 11, task("lambda-b", flakyType, "0")),
                    record(topic, 12, task("lambda-c", "unknown-type", "0")))));

            // 与 Lambda 运行时一样从 JSON 反序列化事件，验证字段名与 base64 编码
            String json = handler.getApplicationContext().getBean(io.micronaut.json.JsonMapper.class).writeValueAsString(event);
            KafkaEvent fromJson = handler.getApplicationContext().getBean(io.micronaut.json.JsonMapper.class)
                    .readValue(json, Argument.of(KafkaEvent.class));
            DispatchReport report = handler.handleRequest(fromJson, null);

            assertEquals(2, report.processed());
            assertEquals(1, report.deadLettered());
            TestProcessors.Flaky flaky = TestProcessors.flaky(handler.getApplicationContext().getBeansOfType(TaskProcessor.class).stream().toList());
            assertEquals(List.of("lambda-a", "lambda-b"), flaky.succeeded);
            assertEquals(2, flaky.attempts.get("lambda-a").get());
            await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters.letters().stream().anyMatch(d -> d.getSourceOffset() == 12));
            DeadLetter letter = deadLetters.letters().stream().filter(d -> d.getSourceOffset() == 12).findFirst().orElseThrow();
            assertEquals(topic, letter.getSourceTopic());
            assertTrue(letter.getError().contains("unknown task type 'unknown-type'"));
            assertEquals("g_1", letter.getOriginalKey().toString(StandardCharsets.UTF_8));
        }
    }

    private static KafkaEvent.KafkaEventRecord record(String topic, long offset, TaskMessage task) {
        KafkaEvent.KafkaEventRecord r = new KafkaEvent.KafkaEventRecord();
        r.setTopic(topic);
        r.setPartition(0);
        r.setOffset(offset);
        r.setTimestamp(System.currentTimeMillis());
        r.setTimestampType("CREATE_TIME");
        r.setKey(Base64.getEncoder().encodeToString("g_1".getBytes(StandardCharsets.UTF_8)));
        r.setValue(Base64.getEncoder().encodeToString(task.toByteArray()));
        return r;
    }

    private static TaskMessage task(String id, String type, String failTimes) {
        return TaskMessage.newBuilder().setTaskId(id).setTaskType(type).setTraceId("trace-" + id)
                .putHeaders("fail-times", failTimes).build();
    }
}
