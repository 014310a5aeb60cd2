package com.acme.im.runtime.kafka;

import com.acme.im.proto.event.v1.TaskMessage;

/**
 * 任务类型名的唯一定义处；与 Topics.task(type) 组合得到每种任务自己的 Topic，
 * logic-app 的任务发布方与各函数都引用这里，避免拼写分叉。
 */
public final class TaskTypes {

    /** 大群扩散。 */
    public static final String FANOUT = "fanout";
    /** 离线推送。 */
    public static final String PUSH = "push";
    /** 内容审核。 */
    public static final String AUDIT = "audit";
    /** 消息索引。 */
    public static final String INDEX = "index";

    private TaskTypes() {
    }

    /** 载荷对应的任务类型；没有载荷时返回空串（由分发器判为未知类型送入死信）。 */
    public static String ofPayload(TaskMessage task) {
        return switch (task.getPayloadCase()) {
            case FANOUT -> FANOUT;
            case PUSH -> PUSH;
            case AUDIT -> AUDIT;
            case INDEX -> INDEX;
            case PAYLOAD_NOT_SET -> "";
        };
    }
}
