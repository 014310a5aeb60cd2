package com.acme.im.gateway.ops;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.graceful.GracefulShutdownManager;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * 收到 SIGTERM / SIGINT 时先做优雅停机，再交还 JVM 默认的退出流程。
 * 为什么需要：Micronaut 的 JVM 关闭钩子先停 HTTP 服务器（立即关掉所有 WebSocket 通道、事件循环再过一个静默期才
 * 停止接受新连接，期间新升级的连接随后被直接断开），之后才停上下文、触发 micronaut.lifecycle.graceful-shutdown，
 * 那时连接已经断了、进行中的请求也被掐断。
 * 这里在关闭钩子运行之前就调用 {@link GracefulShutdownManager}：公网监听器停止接受、readiness 变为 DOWN、
 * WebSocketDrainer 以 1001 关闭全部连接、定时任务停止；等全部完成或 grace-period 到期，再调用原来的信号处理器退出。
 * 进程内测试（test 环境）不安装：信号处理器是整个 JVM 共享的。
 */
@Context
@Requires(notEnv = Environment.TEST)
@Requires(property = "micronaut.lifecycle.graceful-shutdown.enabled", value = "true")
public class TermSignalShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(TermSignalShutdown.class);
    private static final String[] SIGNALS = {"TERM", "INT"};

    private final BeanProvider<GracefulShutdownManager> manager;
    private final Duration gracePeriod;
    private final Map<String, SignalHandler> previous = new HashMap<>();

    // 延迟取：启动时不必为此提前创建全部 GracefulShutdownCapable（包括 HTTP 服务器）
    public TermSignalShutdown(BeanProvider<GracefulShutdownManager> manager,
                              @Value("${micronaut.lifecycle.graceful-shutdown.grace-period:20s}") Duration gracePeriod) {
        this.manager = manager;
        this.gracePeriod = gracePeriod;
        for (String name : SIGNALS) {
            try {
                previous.put(name, Signal.handle(new Signal(name), this::onSignal));
            } catch (IllegalArgumentException e) {
                // -Xrs 或平台不支持：保持 Micronaut 默认行为（WebSocket 直接断开）
                LOG.warn("cannot handle SIG{}: shutdown will not drain WebSocket connections first ({})", name, e.getMessage());
            }
        }
    }

    private void onSignal(Signal signal) {
        LOG.info("SIG{} received: graceful shutdown (at most {})", signal.getName(), gracePeriod);
        long start = System.nanoTime();
        try {
            manager.get().shutdownGracefully().toCompletableFuture().get(gracePeriod.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("graceful shutdown done in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (TimeoutException e) {
            LOG.warn("graceful shutdown not done after {}, {} tasks left; stopping anyway", gracePeriod,
                    manager.get().reportActiveTasks());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("graceful shutdown failed, stopping anyway", e);
        }
        SignalHandler next = previous.get(signal.getName());
        if (next != null && next != SignalHandler.SIG_DFL && next != SignalHandler.SIG_IGN) {
            // JVM 的默认处理器：System.exit(128 + 信号值)，随后运行关闭钩子（Micronaut 停服务器与上下文）
            next.handle(signal);
        } else {
            System.exit(128 + signal.getNumber());
        }
    }

    /** 上下文正常关闭（非信号触发）时还原信号处理器。 */
    @PreDestroy
    void restore() {
        previous.forEach((name, handler) -> {
            if (handler != null) {
                try {
                    Signal.handle(new Signal(name), handler);
                } catch (IllegalArgumentException e) {
                    LOG.debug("cannot restore SIG{} handler: {}", name, e.getMessage());
                }
            }
        });
    }
}
