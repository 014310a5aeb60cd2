package com.acme.im.task;

import com.acme.im.proto.event.v1.TaskMessage;

import java.util.Set;

/**
 * 任务处理器契约：每个函数以 Bean 的形式声明自己处理的任务类型，由 {@link TaskDispatcher} 统一收集。
 * process 抛出任何异常都视为失败，由分发器按退避重试，重试耗尽后进入死信；处理必须可重复执行（至少一次语义）。
 */
public interface TaskProcessor {

    /** 本处理器负责的任务类型（至少一个）。 */
    Set<String> taskTypes();

    /** 处理一条任务；失败时抛出异常。 */
    void process(TaskMessage task) throws Exception;
}
