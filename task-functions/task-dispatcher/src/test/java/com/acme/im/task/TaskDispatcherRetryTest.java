package com.acme.im.task;

import com.acme.im.proto.event.v1.DeadLetter;
import com.acme.im.proto.event.v1.TaskMessage;
import com.acme.im.task.deadletter.DeadLetterPublisher;
import com.google.protobuf.InvalidProtocolBufferException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 一轮分发（dispatchOnce）的重试语义：失败即停、交回进度与退避；进度交回后接着计数，耗尽进死信；
 * 整批失败耗尽后逐条隔离坏记录。常驻消费者据此暂停分区，而不是睡眠。
 */
class TaskDispatcherRetryTest {

    final List<DeadLetter> deadLetters = new ArrayList<>();
    final DeadLetterPublisher publisher = (key, value) -> {
        try {
            deadLetters.add(DeadLetter.parseFrom(value));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
        return new RecordMetadata(new TopicPartition("dlq", 0), 0, 0, 0, 0, 0);
    };

    @Test
    void stopsAtTheFirstFailureAndContinuesCountingFromTheReturnedState() {
        Scripted single = new Scripted("single", Map.of("bad", 100));
        TaskDispatcher dispatcher = dispatcher(single);
        List<TaskRecord> records = List.of(record(0, "single", "ok-1"), record(1, "single", "bad"), record(2, "single", "ok-2"));

        DispatchPass pass = dispatcher.dispatchOnce(records, null);
        assertFalse(pass.isComplete());
        assertEquals(new DispatchReport(1, 0), pass.report());
        assertEquals(new RetryState(1, 1, Long.MIN_VALUE), pass.retry());
        assertEquals(Duration.ofMillis(100), pass.delay());

        List<TaskRecord> rest = records.subList(1, 3);
        pass = dispatcher.dispatchOnce(rest, pass.retry());
        assertEquals(new RetryState(1, 2, Long.MIN_VALUE), pass.retry());
        assertEquals(Duration.ofMillis(200), pass.delay());
        pass = dispatcher.dispatchOnce(rest, pass.retry());
        assertEquals(Duration.ofMillis(400), pass.delay());
        // 第 4 次（最后一次）失败：写死信，后面的记录照常处理
        pass = dispatcher.dispatchOnce(rest, pass.retry());
        assertTrue(pass.isComplete());
        assertEquals(new DispatchReport(1, 1), pass.report());
        assertEquals(4, single.calls.get("bad"));
        assertEquals(1, deadLetters.size());
        assertEquals(4, deadLetters.get(0).getAttempts());
        assertEquals(1, deadLetters.get(0).getSourceOffset());
        assertEquals(List.of("ok-1", "ok-2"), single.succeeded);
    }

    @Test
    void rejectedTaskGoesStraightToDeadLetter() {
        Scripted single = new Scripted("single", Map.of());
        TaskDispatcher dispatcher = dispatcher(single);
        DispatchPass pass = dispatcher.dispatchOnce(List.of(record(5, "single", "reject")), null);
        assertTrue(pass.isComplete());
        assertEquals(new DispatchReport(0, 1), pass.report());
        assertEquals(1, deadLetters.get(0).getAttempts());
    }

    @Test
    void failingBatchFallsBackToOneByOneAndIsolatesTheBadRecord() {
        ScriptedBatch batch = new ScriptedBatch("bulk", Map.of("bad", 100));
        TaskDispatcher dispatcher = dispatcher(batch);
        List<TaskRecord> records = List.of(record(10, "bulk", "a"), record(11, "bulk", "bad"), record(12, "bulk", "c"));

        DispatchPass pass = dispatcher.dispatchOnce(records, null);
        for (int attempt = 1; attempt < 4; attempt++) {
            assertEquals(new RetryState(10, attempt, Long.MIN_VALUE), pass.retry());
            pass = dispatcher.dispatchOnce(records, pass.retry());
        }
        // 整批第 4 次失败后逐条：a 成功，bad 第一次单独失败，停下；13 之前都要逐条
        assertEquals(new DispatchReport(1, 0), pass.report());
        assertEquals(new RetryState(11, 1, 13), pass.retry());
        List<TaskRecord> rest = records.subList(1, 3);
        while (!pass.isComplete()) {
            pass = dispatcher.dispatchOnce(rest, pass.retry());
        }
        assertEquals(new DispatchReport(1, 1), pass.report());
        assertEquals(List.of(11L), deadLetters.stream().map(DeadLetter::getSourceOffset).toList());
        // 整批共尝试 4 次，之后不再合批
        assertEquals(List.of(3, 3, 3, 3), batch.batchSizes);
        assertEquals(List.of("a", "c"), batch.succeeded);
    }

    @Test
    void lambdaPathRetriesInPlaceUntilEveryRecordIsDone() {
        Scripted single = new Scripted("single", Map.of("flaky", 2));
        TaskDispatcher dispatcher = dispatcher(single);
        DispatchReport report = dispatcher.dispatch(List.of(record(0, "single", "flaky"), record(1, "single", "ok"),
                record(2, "nobody", "unknown")));
        assertEquals(new DispatchReport(2, 1), report);
        assertEquals(3, single.calls.get("flaky"));
        assertNull(single.calls.get("unknown"));
    }

    private TaskDispatcher dispatcher(TaskProcessor processor) {
        return new TaskDispatcher(List.of(processor), new RetryPolicy(), publisher, new SimpleMeterRegistry(), "unit", "unit");
    }

    private static TaskRecord record(long offset, String type, String id) {
        TaskMessage task = TaskMessage.newBuilder().setTaskType(type).setTaskId(id).build();
        return new TaskRecord("im-task-" + type, 0, offset, null, task.toByteArray());
    }

    /** 按任务 ID 先失败若干次；ID 为 reject 时拒绝。 */
    static class Scripted implements TaskProcessor {
        final String type;
        final Map<String, Integer> failTimes;
        final Map<String, Integer> calls = new HashMap<>();
        final List<String> succeeded = new ArrayList<>();

        Scripted(String type, Map<String, Integer> failTimes) {
            this.type = type;
            this.failTimes = failTimes;
        }

        @Override
        public Set<String> taskTypes() {
            return Set.of(type);
        }

        @Override
        public void process(TaskMessage task) {
            int call = calls.merge(task.getTaskId(), 1, Integer::sum);
            if (task.getTaskId().equals("reject")) {
                throw new TaskRejectedException("rejected");
            }
            if (call <= failTimes.getOrDefault(task.getTaskId(), 0)) {
                throw new IllegalStateException("failure " + call + " of " + task.getTaskId());
            }
            succeeded.add(task.getTaskId());
        }
    }

    /** 整批处理：批中含失败任务时整批失败。 */
    static final class ScriptedBatch extends Scripted implements BatchTaskProcessor {
        final List<Integer> batchSizes = new ArrayList<>();

        ScriptedBatch(String type, Map<String, Integer> failTimes) {
            super(type, failTimes);
        }

        @Override
        public void processBatch(List<TaskMessage> tasks) {
            if (tasks.size() == 1) {
                process(tasks.get(0));
                return;
            }
            batchSizes.add(tasks.size());
            if (tasks.stream().anyMatch(t -> failTimes.containsKey(t.getTaskId()))) {
                throw new IllegalStateException("batch contains a bad task");
            }
            tasks.forEach(t -> succeeded.add(t.getTaskId()));
        }
    }
}
