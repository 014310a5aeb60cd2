package com.acme.im.task;

/**
 * 处理器判定任务本身有问题、重试也不会成功时抛出：分发器跳过剩余重试，直接送入死信。
 */
public class TaskRejectedException extends RuntimeException {

    public TaskRejectedException(String message) {
        super(message);
    }
}
