package com.acme.im.gateway.ws;

import com.acme.im.runtime.limits.Limits;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 正在输入的限频：同一（用户，会话）每个间隔只放行一次，不同会话与不同用户互不影响，释放后立即可再试。
 */
class TypingThrottleTest {

    @Test
    void oneRelayPerIntervalPerUserAndConversation() {
        AtomicLong nanos = new AtomicLong(1);
        TypingThrottle throttle = new TypingThrottle(nanos::get);
        assertTrue(throttle.tryAcquire(1, "g_1"));
        assertFalse(throttle.tryAcquire(1, "g_1"));
        assertTrue(throttle.tryAcquire(1, "g_2"), "another conversation");
        assertTrue(throttle.tryAcquire(2, "g_1"), "another user");

        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(Limits.TYPING_RELAY_INTERVAL_MS - 1));
        assertFalse(throttle.tryAcquire(1, "g_1"));
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(2));
        assertTrue(throttle.tryAcquire(1, "g_1"), "next interval");

        throttle.release(1, "g_1");
        assertTrue(throttle.tryAcquire(1, "g_1"), "released after a refused relay");
    }
}
