package com.acme.im.gateway.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcceptErrorHandlerTest {

    private final AtomicLong now = new AtomicLong(0);
    private final Counter errors = new SimpleMeterRegistry().counter("im.gateway.accept_errors");
    private final List<Throwable> passedOn = new ArrayList<>();

    private EmbeddedChannel channel(AcceptErrorHandler handler) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast(handler, new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                passedOn.add(cause);
            }
        });
        return ch;
    }

    @Test
    void tooManyOpenFilesPausesAcceptQuietlyAndResumes() {
        AcceptErrorHandler handler = new AcceptErrorHandler(Duration.ofSeconds(1), Duration.ofSeconds(30), errors, now::get);
        EmbeddedChannel ch = channel(handler);
        IOException emfile = new IOException("Too many open files");

        ch.pipeline().fireExceptionCaught(emfile);
        assertFalse(ch.config().isAutoRead(), "accept paused");
        assertTrue(passedOn.isEmpty(), "not passed on: no pipeline-tail stack trace per failure");

        ch.advanceTimeBy(999, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertFalse(ch.config().isAutoRead());
        ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.config().isAutoRead(), "accept resumes after the backoff");

        // 一秒一次、持续 29 秒：只记第一次的日志，其余只计数
        for (int i = 1; i < 30; i++) {
            now.addAndGet(TimeUnit.SECONDS.toNanos(1));
            ch.pipeline().fireExceptionCaught(emfile);
            ch.advanceTimeBy(1, TimeUnit.SECONDS);
            ch.runScheduledPendingTasks();
        }
        assertEquals(29, handler.suppressed());
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        ch.pipeline().fireExceptionCaught(emfile);
        assertEquals(0, handler.suppressed(), "one report per interval, carrying the count");
        assertEquals(31, errors.count());
        assertTrue(passedOn.isEmpty());
    }

    @Test
    void otherExceptionsArePassedOn() {
        EmbeddedChannel ch = channel(new AcceptErrorHandler(Duration.ofSeconds(1), Duration.ofSeconds(30), errors, now::get));
        IllegalStateException other = new IllegalStateException("x");
        ch.pipeline().fireExceptionCaught(other);
        assertEquals(1, passedOn.size());
        assertSame(other, passedOn.get(0));
        assertTrue(ch.config().isAutoRead());
    }
}
