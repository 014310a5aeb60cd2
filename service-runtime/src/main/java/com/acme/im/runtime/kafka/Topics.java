package com.acme.im.runtime.kafka;

/**
 * 所有 Kafka Topic 名称的唯一定义处；网关、logic、任务函数与基础设施脚本保持一致。
 */
public final class Topics {

    /** 上行消息，键为会话 ID。 */
    public static final String UPSTREAM = "im-upstream-topic";
    /** 下行投递前缀，完整名称为前缀加网关 ID。 */
    public static final String DOWNSTREAM_PREFIX = "im-downstream-topic-";
    /** 任务 Topic 前缀，完整名称为前缀加任务类型。 */
    public static final String TASK_PREFIX = "im-task-";
    /** 任务死信。 */
    public static final String DEAD_LETTER = "im-task-dead-letter";
    /** 会话吊销广播（SessionRevocation），键为用户 ID；每个网关都读全部分区。 */
    public static final String SESSION_REVOCATIONS = "im-session-revocations";

    private Topics() {
    }

    /** 某网关的下行 Topic。 */
    public static String downstream(String gatewayId) {
        return DOWNSTREAM_PREFIX + gatewayId;
    }

    /** 某任务类型的 Topic。 */
    public static String task(String taskType) {
        return TASK_PREFIX + taskType;
    }
}
