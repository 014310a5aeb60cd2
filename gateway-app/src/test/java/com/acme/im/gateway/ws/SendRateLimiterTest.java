package com.acme.im.gateway.ws;

import com.acme.im.gateway.GatewayConfiguration;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SendRateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SendRateLimiter limiter = new SendRateLimiter(config(20, 40), now::get);

    private static GatewayConfiguration config(double rate, int burst) {
        GatewayConfiguration c = new GatewayConfiguration();
        c.setSendRatePerSecond(rate);
        c.setSendBurst(burst);
        return c;
    }

    private int drain(long userId) {
        int n = 0;
        while (limiter.tryAcquire(userId)) {
            n++;
        }
        return n;
    }

    @Test
    void reconnectingDoesNotRefillTheBurst() {
        assertEquals(40, drain(7));
        // 最后一个连接关闭、立即重连：桶仍在，清理也不会移除一个没回满的桶
        assertEquals(0, limiter.evictRefilled());
        assertFalse(limiter.tryAcquire(7));

        now.addAndGet(1_000_000_000L); // 1 s = 20 个令牌，而不是整个突发量 40
        assertEquals(0, limiter.evictRefilled());
        assertEquals(20, drain(7));
    }

    @Test
    void bucketIsEvictedOnceItWouldHaveRefilledCompletely() {
        drain(7);
        drain(8);
        assertEquals(2, limiter.size());

        now.addAndGet(1_999_000_000L); // 窗口 = 40 / 20 = 2 s，还差 1 ms
        assertEquals(0, limiter.evictRefilled());
        now.addAndGet(1_000_000L);
        assertEquals(2, limiter.evictRefilled());
        assertEquals(0, limiter.size(), "idle buckets do not accumulate");

        // 移除回满的桶不多给任何令牌：新桶同样是 40
        assertEquals(40, drain(7));
    }

    @Test
    void usersHaveSeparateBuckets() {
        assertEquals(40, drain(1));
        assertTrue(limiter.tryAcquire(2));
    }
}
