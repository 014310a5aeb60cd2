package com.acme.im.gateway.ws;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * 单个连接的串行执行道：任务在工作线程池上按提交顺序逐个执行。
 * 这样既不阻塞 Netty 事件循环，又保证同一连接的帧（以及上线/下线报告）不乱序。
 */
public final class SerialLane {

    private static final Logger LOG = LoggerFactory.getLogger(SerialLane.class);

    private final Executor executor;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    public SerialLane(Executor executor, int maxPending) {
        this.executor = executor;
        this.maxPending = maxPending;
    }

    /**
     * 排入一个任务；积压超过上限时拒绝并返回 false（调用方回错误帧）。
     * 任务抛出的异常只记日志，绝不打断后续任务。
     */
    public boolean submit(Runnable task) {
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            return false;
        }
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.error("connection task failed", t);
            } finally {
                pending.decrementAndGet();
            }
        };
        synchronized (this) {
            tail = tail.thenRunAsync(guarded, executor);
        }
        return true;
    }

    /** 当前积压数。 */
    public int pending() {
        return pending.get();
    }
}
