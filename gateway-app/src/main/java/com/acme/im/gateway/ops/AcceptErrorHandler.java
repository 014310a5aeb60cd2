package com.acme.im.gateway.ops;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * 装在监听（server）通道上：accept 失败（典型是打开文件数耗尽 “Too many open files”）时暂停接受一段时间再恢复，
 * 并把告警日志限频为每个间隔一条（附带期间的失败次数）。
 * Netty 默认也会暂停 1 秒，但每次都把异常交给管道尾部，以 WARN 加完整堆栈打印，打开文件数耗尽时每秒一条刷屏。
 * 这里吞掉该异常（不再传给 ServerBootstrapAcceptor 与管道尾部），暂停由本处理器负责；其它异常照常向后传。
 * 只在该监听通道的事件循环上使用，状态无需同步。
 */
public final class AcceptErrorHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(AcceptErrorHandler.class);

    private final long backoffNanos;
    private final long logIntervalNanos;
    private final Counter errors;
    private final LongSupplier nanoClock;
    private long lastLogNanos;
    private boolean loggedOnce;
    private long suppressed;

    public AcceptErrorHandler(Duration backoff, Duration logInterval, Counter errors, LongSupplier nanoClock) {
        this.backoffNanos = backoff.toNanos();
        this.logIntervalNanos = logInterval.toNanos();
        this.errors = errors;
        this.nanoClock = nanoClock;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        errors.increment();
        ChannelConfig config = ctx.channel().config();
        if (config.isAutoRead()) {
            // 暂停 accept：待处理的连接留在内核的 backlog 里，恢复后再接；其间已有连接关闭会释放文件描述符
            config.setAutoRead(false);
            ctx.executor().schedule(() -> {
                config.setAutoRead(true);
            }, backoffNanos, TimeUnit.NANOSECONDS);
        }
        long now = nanoClock.getAsLong();
        if (!loggedOnce || now - lastLogNanos >= logIntervalNanos) {
            LOG.warn("accepting connections on {} failed ({} more failures since the last report), pausing accept for {} ms: {}",
                    ctx.channel().localAddress(), suppressed, TimeUnit.NANOSECONDS.toMillis(backoffNanos), cause.toString());
            loggedOnce = true;
            lastLogNanos = now;
            suppressed = 0;
        } else {
            suppressed++;
        }
    }

    /** 自上一条日志以来被压下的失败次数（测试用）。 */
    long suppressed() {
        return suppressed;
    }
}
