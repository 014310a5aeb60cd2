package com.acme.im.runtime.trace;

import org.slf4j.MDC;

import java.util.concurrent.ThreadLocalRandom;

/**
 * 链路追踪 ID 的唯一存放处：日志 MDC 的 traceId 键。
 * HTTP 请求、WebSocket 帧、gRPC 元数据、Kafka 记录头之间都经由它传递，日志每行因此自带追踪 ID。
 */
public final class TraceContext {

    /** MDC 键，日志格式中以 %X{traceId} 引用。 */
    public static final String MDC_KEY = "traceId";
    /** gRPC 元数据、Kafka 记录头与 HTTP 头共用的名称。 */
    public static final String HEADER = "x-trace-id";

    private TraceContext() {
    }

    /** 生成 16 字节十六进制追踪 ID（与 W3C trace-id 同长度）。 */
    public static String newId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("%016x%016x", r.nextLong(), r.nextLong());
    }

    public static String current() {
        return MDC.get(MDC_KEY);
    }

    public static String currentOrEmpty() {
        String id = MDC.get(MDC_KEY);
        return id == null ? "" : id;
    }

    /** 取当前追踪 ID，没有则新建并放入 MDC。 */
    public static String currentOrNew() {
        String id = MDC.get(MDC_KEY);
        if (id == null || id.isEmpty()) {
            id = newId();
            MDC.put(MDC_KEY, id);
        }
        return id;
    }

    /** 进入一个带追踪 ID 的作用域；空值时新建，返回值用 try-with-resources 恢复原值。 */
    public static Scope open(String traceId) {
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, traceId == null || traceId.isBlank() || traceId.length() > 64 ? newId() : traceId);
        return () -> {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        };
    }

    /** 追踪作用域，关闭时恢复进入前的 MDC。 */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
