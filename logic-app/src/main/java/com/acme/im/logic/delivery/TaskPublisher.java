package com.acme.im.logic.delivery;

import com.acme.im.proto.event.v1.TaskMessage;
import com.acme.im.runtime.kafka.TaskTypes;
import com.acme.im.runtime.kafka.Topics;
import com.acme.im.runtime.trace.TraceContext;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;

/**
 * 任务消息出口：task_type 与载荷一致，task_id = {type}:{messageId} 作为下游函数的幂等键。
 */
@Singleton
public class TaskPublisher {

    /** 大群扩散（任务类型名定义在 {@link TaskTypes}）。 */
    public static final String FANOUT = TaskTypes.FANOUT;
    /** 离线推送。 */
    public static final String PUSH = TaskTypes.PUSH;
    /** 内容审核。 */
    public static final String AUDIT = TaskTypes.AUDIT;
    /** 消息索引。 */
    public static final String INDEX = TaskTypes.INDEX;

    private final TaskClient client;

    public TaskPublisher(TaskClient client) {
        this.client = client;
    }

    /**
     * 发布一个任务。
     *
     * @param taskType  任务类型
     * @param key       记录键（会话 ID）
     * @param messageId 消息 ID，组成幂等键
     * @param payload   只设置了载荷的任务模板
     */
    public CompletableFuture<Void> publish(String taskType, String key, long messageId, TaskMessage payload) {
        return publish(taskType, key, taskType + ":" + messageId, payload);
    }

    /**
     * 以给定的任务 ID 发布（撤回、编辑产生的任务：同一消息的每次变更各有自己的幂等键，
     * 不会被当作原消息任务的重投）。
     */
    public CompletableFuture<Void> publish(String taskType, String key, String taskId, TaskMessage payload) {
        TaskMessage task = payload.toBuilder()
                .setTraceId(TraceContext.currentOrEmpty())
                .setTaskType(taskType)
                .setTaskId(taskId)
                .setCreatedAt(System.currentTimeMillis())
                .build();
        try {
            return client.send(Topics.task(taskType), key, task.toByteArray()).thenApply(m -> null);
        } catch (RuntimeException e) {
            // 同步错误转为失败的 Future，交由上行处理统一重试
            return CompletableFuture.failedFuture(e);
        }
    }
}
