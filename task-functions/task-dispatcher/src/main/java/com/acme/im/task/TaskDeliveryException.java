package com.acme.im.task;

/**
 * 某条记录既未处理成功也没能写入死信（死信 Topic 不可用）：调用方不得提交它的偏移量，
 * 而应从 {@link #record()} 处重新消费，保证不丢任务。
 */
public class TaskDeliveryException extends RuntimeException {

    private final transient TaskRecord record;

    public TaskDeliveryException(TaskRecord record, Throwable cause) {
        super("task record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                + " could not be processed nor dead-lettered", cause);
        this.record = record;
    }

    public TaskRecord record() {
        return record;
    }
}
