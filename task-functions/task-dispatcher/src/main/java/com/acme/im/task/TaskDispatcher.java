package com.acme.im.task;

import com.acme.im.runtime.kafka.TaskTypes;
import com.acme.im.proto.event.v1.DeadLetter;
import com.acme.im.proto.event.v1.TaskMessage;
import com.acme.im.runtime.trace.TraceContext;
import com.acme.im.task.deadletter.DeadLetterPublisher;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * 任务分发器：Kafka 常驻消费者与 Lambda 处理器共用的唯一分发逻辑。
 * 启动时校验处理器注册（没有处理器、或两个处理器声明同一类型都拒绝启动）；
 * 运行时解析记录、按类型找处理器、失败按退避重试（常驻消费者暂停分区等到期，Lambda 在调用内等待），
 * 重试耗尽（或格式错误、未知类型）写入死信，从不静默丢弃。
 */
@Singleton
public class TaskDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(TaskDispatcher.class);

    private final Map<String, TaskProcessor> processors;
    private final RetryPolicy retryPolicy;
    private final DeadLetterPublisher deadLetters;
    private final MeterRegistry meters;
    private final String instanceId;

    public TaskDispatcher(List<TaskProcessor> processors,
                          RetryPolicy retryPolicy,
                          DeadLetterPublisher deadLetters,
                          MeterRegistry meters,
                          @Value("${im.task.instance-id:}") String instanceId,
                          @Value("${micronaut.application.name:task-function}") String applicationName) {
        this.processors = index(processors);
        this.retryPolicy = retryPolicy;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.instanceId = instanceId == null || instanceId.isBlank()
                ? applicationName + "@" + ProcessHandle.current().pid() : instanceId;
    }

    /** 校验注册：配置错误要在启动时暴露，而不是等第一条任务到来才发现没人处理。 */
    static Map<String, TaskProcessor> index(List<TaskProcessor> processors) {
        if (processors.isEmpty()) {
            throw new ConfigurationException("no TaskProcessor bean found: a task function must register at least one processor");
        }
        Map<String, TaskProcessor> byType = new LinkedHashMap<>();
        for (TaskProcessor p : processors) {
            Set<String> types = p.taskTypes();
            if (types == null || types.isEmpty()) {
                throw new ConfigurationException("TaskProcessor " + p.getClass().getName() + " declares no task type");
            }
            for (String type : types) {
                if (type == null || type.isBlank()) {
                    throw new ConfigurationException("TaskProcessor " + p.getClass().getName() + " declares a blank task type");
                }
                TaskProcessor previous = byType.putIfAbsent(type, p);
                if (previous != null) {
                    throw new ConfigurationException("task type '" + type + "' is claimed by two processors: "
                            + previous.getClass().getName() + " and " + p.getClass().getName());
                }
            }
        }
        return Collections.unmodifiableMap(byType);
    }

    /** 已注册的任务类型（有序），用于订阅 Topic 与 etcd 登记。 */
    public Set<String> taskTypes() {
        return new TreeSet<>(processors.keySet());
    }

    /** 本实例标识，写入死信与 etcd 登记。 */
    public String instanceId() {
        return instanceId;
    }

    /**
     * 分发一批记录直到全部完成（成功或已写入死信）：失败的记录在本线程内按 RetryPolicy 退避后再试。
     * 只给 Lambda 用：那里没有需要保活的消费者，事件源映射本来就等整批结果；退避按倍数增长、单次不超过
     * max-delay，每条记录最多 max-retries 次，总等待因此有界。常驻消费者用 {@link #dispatchOnce}，
     * 退避靠暂停分区而不是让拉取线程睡眠。
     * 若死信也写不进去则抛出 {@link TaskDeliveryException}，调用方从该记录起重新消费。
     */
    public DispatchReport dispatch(List<TaskRecord> records) {
        DispatchReport report = new DispatchReport(0, 0);
        List<TaskRecord> remaining = records;
        RetryState retry = null;
        while (!remaining.isEmpty()) {
            DispatchPass pass = dispatchOnce(remaining, retry);
            report = report.plus(pass.report());
            if (pass.isComplete()) {
                break;
            }
            retry = pass.retry();
            remaining = from(remaining, retry.offset());
            sleep(pass.delay());
        }
        return report;
    }

    /**
     * 一轮分发：按顺序处理同一分区的记录，每条记录（或每一批）只尝试一次。遇到还能重试的失败就停下，
     * 返回重试进度与退避时间，此前的记录都已完成；重试耗尽、被处理器拒绝、格式错误或类型未知的记录写入死信后继续。
     * 连续的同类型记录交给 BatchTaskProcessor 整批处理（例如索引走 bulk）；整批重试耗尽后这些记录改为逐条处理，
     * 只有真正坏的那条进入死信。
     *
     * @param records 同一分区内按偏移量递增的记录
     * @param retry   上一轮留下的进度，没有时为 null；从 retry.offset() 开始的记录接着它的失败次数计数
     * @throws TaskDeliveryException 死信写不进去：该记录之前的都已完成，调用方从它开始重新消费
     */
    public DispatchPass dispatchOnce(List<TaskRecord> records, RetryState retry) {
        DispatchReport report = new DispatchReport(0, 0);
        RetryState state = retry == null ? new RetryState(-1, 0, Long.MIN_VALUE) : retry;
        int i = 0;
        while (i < records.size()) {
            TaskRecord record = records.get(i);
            Parsed parsed = parse(record);
            if (parsed.error != null) {
                deadLetter(record, "", parsed.error, 1);
                report = report.plus(new DispatchReport(0, 1));
                i++;
                continue;
            }
            TaskProcessor processor = processors.get(parsed.type);
            if (processor instanceof BatchTaskProcessor batchProcessor && record.offset() >= state.singleUntil()) {
                List<TaskMessage> batch = sameTypeRun(records, i, parsed);
                if (batch.size() > 1) {
                    int attempts = state.attemptsAt(record.offset()) + 1;
                    Exception failure = attemptBatch(batchProcessor, parsed.type, batch, attempts);
                    if (failure == null) {
                        report = report.plus(new DispatchReport(batch.size(), 0));
                        i += batch.size();
                        continue;
                    }
                    if (retriable(failure, attempts)) {
                        return retryLater(report, new RetryState(record.offset(), attempts, state.singleUntil()));
                    }
                    // 整批失败：这些记录改为逐条处理（各自重新计数），把坏记录隔离进死信，其余照常完成
                    LOG.warn("batch of {} {} tasks failed ({}), falling back to one by one", batch.size(), parsed.type,
                            describe(failure));
                    state = new RetryState(record.offset(), 0, records.get(i + batch.size() - 1).offset() + 1);
                }
            }
            int attempts = state.attemptsAt(record.offset()) + 1;
            Exception failure = attemptOne(processor, parsed.type, parsed.task, attempts);
            if (failure == null) {
                report = report.plus(new DispatchReport(1, 0));
            } else if (retriable(failure, attempts)) {
                return retryLater(report, new RetryState(record.offset(), attempts, state.singleUntil()));
            } else {
                deadLetter(record, parsed.type, describe(failure), attempts);
                report = report.plus(new DispatchReport(0, 1));
            }
            i++;
        }
        return DispatchPass.complete(report);
    }

    /** 从 first 起连续的同类型、格式正确的记录的任务。 */
    private List<TaskMessage> sameTypeRun(List<TaskRecord> records, int first, Parsed head) {
        List<TaskMessage> run = new ArrayList<>();
        run.add(head.task);
        for (int j = first + 1; j < records.size(); j++) {
            Parsed p = parse(records.get(j));
            if (p.error != null || !head.type.equals(p.type)) {
                break;
            }
            run.add(p.task);
        }
        return run;
    }

    /** 尝试一次单条任务；成功返回 null，失败返回异常。 */
    private Exception attemptOne(TaskProcessor processor, String type, TaskMessage task, int attempt) {
        try (TraceContext.Scope ignored = TraceContext.open(task.getTraceId())) {
            try {
                processor.process(task);
                meters.counter("im.task.processed", "type", type).increment();
                return null;
            } catch (TaskRejectedException e) {
                return e;
            } catch (Exception e) {
                LOG.warn("task {} type={} attempt {}/{} failed: {}", task.getTaskId(), type, attempt,
                        retryPolicy.maxAttempts(), e.toString());
                return e;
            }
        }
    }

    /** 尝试一次整批任务；成功返回 null，失败返回异常。 */
    private Exception attemptBatch(BatchTaskProcessor processor, String type, List<TaskMessage> tasks, int attempt) {
        try {
            processor.processBatch(tasks);
            meters.counter("im.task.processed", "type", type).increment(tasks.size());
            return null;
        } catch (TaskRejectedException e) {
            return e;
        } catch (Exception e) {
            LOG.warn("batch of {} {} tasks attempt {}/{} failed: {}", tasks.size(), type, attempt,
                    retryPolicy.maxAttempts(), e.toString());
            return e;
        }
    }

    /** 还能再试：不是处理器拒绝的，且尝试次数没用完。 */
    private boolean retriable(Exception failure, int attempts) {
        return !(failure instanceof TaskRejectedException) && attempts < retryPolicy.maxAttempts();
    }

    private DispatchPass retryLater(DispatchReport report, RetryState retry) {
        meters.counter("im.task.retries").increment();
        return new DispatchPass(report, retry, retryPolicy.delayBeforeRetry(retry.attempts()));
    }

    /** 从偏移量为 offset 的记录开始的子列表。 */
    private static List<TaskRecord> from(List<TaskRecord> records, long offset) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).offset() == offset) {
                return records.subList(i, records.size());
            }
        }
        throw new IllegalStateException("record at offset " + offset + " is not in this batch");
    }

    private Parsed parse(TaskRecord record) {
        if (record.value() == null || record.value().length == 0) {
            return Parsed.failed("malformed task: empty record value");
        }
        TaskMessage task;
        try {
            task = TaskMessage.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            return Parsed.failed("malformed task: " + e.getMessage());
        }
        String type = task.getTaskType().isBlank() ? TaskTypes.ofPayload(task) : task.getTaskType();
        if (!processors.containsKey(type)) {
            return Parsed.failed("unknown task type '" + type + "' (this function handles " + taskTypes() + ")");
        }
        return new Parsed(task, type, null);
    }

    private void deadLetter(TaskRecord record, String type, String error, int attempts) {
        DeadLetter letter = DeadLetter.newBuilder()
                .setSourceTopic(record.topic())
                .setSourcePartition(record.partition())
                .setSourceOffset(record.offset())
                .setOriginalKey(record.key() == null ? ByteString.EMPTY : ByteString.copyFrom(record.key()))
                .setOriginalValue(record.value() == null ? ByteString.EMPTY : ByteString.copyFrom(record.value()))
                .setTaskType(type)
                .setError(error)
                .setAttempts(attempts)
                .setFailedAt(System.currentTimeMillis())
                .setProcessorInstance(instanceId)
                .build();
        try {
            deadLetters.publish(record.key(), letter.toByteArray());
        } catch (RuntimeException e) {
            throw new TaskDeliveryException(record, e);
        }
        meters.counter("im.task.dead_lettered", "type", type.isEmpty() ? "unknown" : type).increment();
        LOG.error("task record {}-{}@{} type={} dead-lettered after {} attempt(s): {}", record.topic(),
                record.partition(), record.offset(), type, attempts, error);
    }

    private static String describe(Exception e) {
        if (e == null) {
            return "unknown error";
        }
        return e.getClass().getName() + ": " + (e.getMessage() == null ? "" : e.getMessage());
    }

    /** Lambda 路径上的退避等待（见 {@link #dispatch}）。 */
    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    /** 解析结果：成功时有任务与类型，失败时只有错误说明。 */
    private record Parsed(TaskMessage task, String type, String error) {
        static Parsed failed(String error) {
            return new Parsed(null, "", error);
        }
    }
}
