package com.acme.im.gateway.ws;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * 重发抑制：按连接记住已写入上行、尚未 ack 的 client_msg_id（见 {@link ResendConfiguration}）。
 * 以连接对象为弱键：连接关闭、被回收后它的记录随之消失，无需在关闭流程里清理；
 * 重连后是新连接，重发照常写入（ack 发往旧连接时已无人接收）。
 */
@Singleton
public class ResendGuard {

    private final Cache<Connection, InFlightSends> byConnection = Caffeine.newBuilder().weakKeys().build();
    private final ResendConfiguration configuration;
    private final Counter suppressed;

    public ResendGuard(ResendConfiguration configuration, MeterRegistry meters) {
        this.configuration = configuration;
        this.suppressed = Counter.builder("im.gateway.upstream.resend_suppressed")
                .description("resends of a client_msg_id still in flight that were not written upstream again").register(meters);
    }

    /** 是否应写入上行；窗口内的重复返回 false 并计数。 */
    public boolean begin(Connection connection, String clientMsgId) {
        boolean go = byConnection.get(connection, c -> new InFlightSends(configuration.suppressionWindow().toMillis(),
                configuration.maxPerConnection())).begin(clientMsgId, System.currentTimeMillis());
        if (!go) {
            suppressed.increment();
        }
        return go;
    }

    /** ack 到达或写入失败。 */
    public void done(Connection connection, String clientMsgId) {
        InFlightSends s = byConnection.getIfPresent(connection);
        if (s != null) {
            s.done(clientMsgId);
        }
    }
}
