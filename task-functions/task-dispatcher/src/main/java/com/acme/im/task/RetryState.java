package com.acme.im.task;

/**
 * 一个分区上未完成记录的重试进度，由常驻消费者在两轮分发之间保存（暂停分区、到期恢复后原样交回分发器）。
 *
 * @param offset      下一轮从这条记录开始；attempts 只对从它开始的那条记录（或那一批）有效
 * @param attempts    该记录（或该批）已失败的次数
 * @param singleUntil 偏移量小于它的记录逐条处理：整批重试耗尽后要把坏记录隔离出来，不能再合批
 */
public record RetryState(long offset, int attempts, long singleUntil) {

    /** 起始记录之前已失败的次数；不是同一条记录时从零算起。 */
    int attemptsAt(long recordOffset) {
        return recordOffset == offset ? attempts : 0;
    }
}
