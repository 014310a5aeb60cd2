package com.acme.im.task;

import com.acme.im.proto.event.v1.TaskMessage;

import java.util.List;

/**
 * 能整批处理的任务处理器（例如索引走 bulk 接口）。整批必须幂等：整批重试时已成功的部分会被再执行一次。
 * 整批重试耗尽后分发器退回逐条处理，只有真正坏的那条进入死信。
 */
public interface BatchTaskProcessor extends TaskProcessor {

    /** 处理一批同类型任务；任何一条失败都应抛出异常。 */
    void processBatch(List<TaskMessage> tasks) throws Exception;

    @Override
    default void process(TaskMessage task) throws Exception {
        processBatch(List.of(task));
    }
}
