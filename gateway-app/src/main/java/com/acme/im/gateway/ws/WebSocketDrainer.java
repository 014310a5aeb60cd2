package com.acme.im.gateway.ws;

import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * 停机时清空 WebSocket：先标记“排空中”（此后的升级请求回 503/1008），再以关闭码 1001（going away）关闭每个连接，
 * 客户端据此立即重连到其它网关并按 seq 补拉。由 Micronaut 的优雅停机（micronaut.lifecycle.graceful-shutdown）
 * 调用，所有连接关闭后完成；最长等待由 grace-period 限定。
 */
@Singleton
public class WebSocketDrainer implements GracefulShutdownCapable {

    /** 停机关闭连接使用的关闭码（RFC 6455 going away）。 */
    public static final int CLOSE_GOING_AWAY = 1001;

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketDrainer.class);

    private final ConnectionRegistry registry;
    private volatile boolean draining;

    public WebSocketDrainer(ConnectionRegistry registry) {
        this.registry = registry;
    }

    /** 是否已开始停机；为 true 时不再接受新的升级。 */
    public boolean isDraining() {
        return draining;
    }

    @Override
    public CompletionStage<?> shutdownGracefully() {
        draining = true;
        List<Connection> connections = registry.all();
        if (!connections.isEmpty()) {
            LOG.info("shutting down: closing {} WebSocket connections with {}", connections.size(), CLOSE_GOING_AWAY);
        }
        CompletableFuture<?>[] closed = new CompletableFuture<?>[connections.size()];
        for (int i = 0; i < closed.length; i++) {
            Connection c = connections.get(i);
            c.close(CLOSE_GOING_AWAY, "server shutting down");
            closed[i] = c.closeFuture().toCompletableFuture();
        }
        return CompletableFuture.allOf(closed);
    }

    @Override
    public OptionalLong reportActiveTasks() {
        return OptionalLong.of(registry.size());
    }
}
