package com.acme.im.task;

import io.micronaut.serde.annotation.Serdeable;

/**
 * 一批记录的分发结果；Lambda 处理器把它作为调用结果返回。
 *
 * @param processed    处理成功的记录数
 * @param deadLettered 送入死信的记录数
 */
@Serdeable
public record DispatchReport(int processed, int deadLettered) {

    /** 合并两份结果。 */
    public DispatchReport plus(DispatchReport other) {
        return new DispatchReport(processed + other.processed, deadLettered + other.deadLettered);
    }
}
