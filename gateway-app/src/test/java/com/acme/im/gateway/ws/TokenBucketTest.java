package com.acme.im.gateway.ws;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private int drain(TokenBucket bucket) {
        int n = 0;
        while (bucket.tryAcquire()) {
            n++;
        }
        return n;
    }

    @Test
    void allowsTheBurstThenRefusesUntilTimePasses() {
        TokenBucket bucket = new TokenBucket(20, 40, now::get);
        assertEquals(40, drain(bucket));
        assertFalse(bucket.tryAcquire());

        now.addAndGet(50_000_000L); // 50 ms at 20/s = 1 token
        assertTrue(bucket.tryAcquire());
        assertFalse(bucket.tryAcquire());

        now.addAndGet(1_000_000_000L); // 1 s = 20 tokens
        assertEquals(20, drain(bucket));
    }

    @Test
    void neverExceedsCapacityAfterALongIdle() {
        TokenBucket bucket = new TokenBucket(20, 40, now::get);
        drain(bucket);
        now.addAndGet(3_600_000_000_000L);
        assertEquals(40, drain(bucket));
    }

    @Test
    void sustainedRateMatchesConfiguration() {
        TokenBucket bucket = new TokenBucket(20, 40, now::get);
        drain(bucket);
        int granted = 0;
        for (int ms = 0; ms < 10_000; ms++) {
            now.addAndGet(1_000_000L);
            if (bucket.tryAcquire()) {
                granted++;
            }
        }
        assertEquals(200, granted, 1);
    }
}
