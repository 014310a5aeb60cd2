package com.acme.im.task;

import java.time.Duration;

/**
 * 一轮分发（每条记录最多尝试一次）的结果。retry 为空表示全部记录都已完成（成功或已写死信）；
 * 否则 retry.offset() 之前的记录已完成，从它开始的记录要在 delay 之后带着 retry 再分发一轮。
 *
 * @param report 本轮已完成的记录
 * @param retry  未完成时的重试进度，全部完成时为 null
 * @param delay  下一轮之前的退避时间（按 RetryPolicy 指数增长、有上限）
 */
public record DispatchPass(DispatchReport report, RetryState retry, Duration delay) {

    static DispatchPass complete(DispatchReport report) {
        return new DispatchPass(report, null, Duration.ZERO);
    }

    /** 所有记录都已完成，可以提交到最后一条之后。 */
    public boolean isComplete() {
        return retry == null;
    }
}
