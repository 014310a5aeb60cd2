package com.acme.im.runtime.trace;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;

/**
 * Kafka 记录头中的追踪 ID 读写。
 */
public final class KafkaTraceHeaders {

    private KafkaTraceHeaders() {
    }

    /** 读取记录头中的追踪 ID；没有时返回 null。 */
    public static String read(Headers headers) {
        if (headers == null) {
            return null;
        }
        Header h = headers.lastHeader(TraceContext.HEADER);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** 写入当前追踪 ID（已有则不覆盖）。 */
    public static void write(Headers headers) {
        String id = TraceContext.current();
        if (id != null && headers.lastHeader(TraceContext.HEADER) == null) {
            headers.add(TraceContext.HEADER, id.getBytes(StandardCharsets.UTF_8));
        }
    }
}
