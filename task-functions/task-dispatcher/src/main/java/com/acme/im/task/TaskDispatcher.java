package com.acme.im.task;

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
 * 运行时解析记录、按类型找处理器、按退避重试，失败耗尽（或格式错误、未知类型）写入死信，从不静默丢弃。
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
     * 依次分发一批记录（同一分区内保持顺序）。每条记录要么处理成功、要么已写入死信之后才返回；
     * 若死信也写不进去则抛出 {@link TaskDeliveryException}，调用方从该记录起重新消费。
     */
    public DispatchReport dispatch(List<TaskRecord> records) {
        DispatchReport report = new DispatchReport(0, 0);
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
            if (processor instanceof BatchTaskProcessor batchProcessor) {
                // 连续的同类型记录合成一批（例如索引走 bulk）
                List<TaskRecord> batchRecords = new ArrayList<>();
                List<TaskMessage> batch = new ArrayList<>();
                int j = i;
                while (j < records.size()) {
                    Parsed p = j == i ? parsed : parse(records.get(j));
                    if (p.error != null || !parsed.type.equals(p.type)) {
                        break;
                    }
                    batchRecords.add(records.get(j));
                    batch.add(p.task);
                    j++;
                }
                report = report.plus(dispatchBatch(batchProcessor, parsed.type, batchRecords, batch));
                i = j;
            } else {
                report = report.plus(dispatchOne(processor, parsed.type, record, parsed.task));
                i++;
            }
        }
        return report;
    }

    private DispatchReport dispatchOne(TaskProcessor processor, String type, TaskRecord record, TaskMessage task) {
        Exception last = null;
        int attempts = 0;
        try (TraceContext.Scope ignored = TraceContext.open(task.getTraceId())) {
            while (attempts < retryPolicy.maxAttempts()) {
                if (attempts > 0) {
                    pause(retryPolicy.delayBeforeRetry(attempts));
                }
                attempts++;
                try {
                    processor.process(task);
                    meters.counter("im.task.processed", "type", type).increment();
                    return new DispatchReport(1, 0);
                } catch (TaskRejectedException e) {
                    last = e;
                    break;
                } catch (Exception e) {
                    last = e;
                    LOG.warn("task {} type={} attempt {}/{} failed: {}", task.getTaskId(), type, attempts,
                            retryPolicy.maxAttempts(), e.toString());
                }
            }
            deadLetter(record, type, describe(last), attempts);
            return new DispatchReport(0, 1);
        }
    }

    private DispatchReport dispatchBatch(BatchTaskProcessor processor, String type,
                                         List<TaskRecord> records, List<TaskMessage> tasks) {
        if (tasks.size() == 1) {
            return dispatchOne(processor, type, records.get(0), tasks.get(0));
        }
        Exception last = null;
        for (int attempt = 1; attempt <= retryPolicy.maxAttempts(); attempt++) {
            if (attempt > 1) {
                pause(retryPolicy.delayBeforeRetry(attempt - 1));
            }
            try {
                processor.processBatch(tasks);
                meters.counter("im.task.processed", "type", type).increment(tasks.size());
                return new DispatchReport(tasks.size(), 0);
            } catch (TaskRejectedException e) {
                last = e;
                break;
            } catch (Exception e) {
                last = e;
                LOG.warn("batch of {} {} tasks attempt {}/{} failed: {}", tasks.size(), type, attempt,
                        retryPolicy.maxAttempts(), e.toString());
            }
        }
        // 整批失败：逐条处理，把坏记录隔离进死信，其余照常完成
        LOG.warn("batch of {} {} tasks failed ({}), falling back to one by one", tasks.size(), type, describe(last));
        DispatchReport report = new DispatchReport(0, 0);
        for (int i = 0; i < tasks.size(); i++) {
            report = report.plus(dispatchOne(processor, type, records.get(i), tasks.get(i)));
        }
        return report;
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

    private static void pause(Duration delay) {
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
