package com.acme.im.gateway.auth;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static com.acme.im.gateway.auth.SessionValidityCache.State.MISS;
import static com.acme.im.gateway.auth.SessionValidityCache.State.REVOKED;
import static com.acme.im.gateway.auth.SessionValidityCache.State.VALID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionValidityCacheTest {

    /** 手动推进的时钟：过期行为不靠真实等待。 */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = nanos::get;

    private SessionValidityCache cache(Duration ttl, long maxSize) {
        return new SessionValidityCache(new GatewayAuthConfiguration(ttl, maxSize, 3, (short) 1,
                Duration.ofSeconds(30), Duration.ofMillis(500)), ticker);
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void validVerdictIsServedForTheTtlOnlyAndReadsDoNotExtendIt() {
        SessionValidityCache cache = cache(Duration.ofSeconds(60), 100);
        assertEquals(MISS, cache.lookup(1, "s1"));
        cache.putValid(1, "s1");
        assertEquals(VALID, cache.lookup(1, "s1"));
        advance(Duration.ofSeconds(59));
        assertEquals(VALID, cache.lookup(1, "s1"));
        advance(Duration.ofSeconds(2));
        assertEquals(MISS, cache.lookup(1, "s1"), "after the TTL logic must be asked again");
    }

    @Test
    void verdictBelongsToTheUserOfTheSession() {
        SessionValidityCache cache = cache(Duration.ofSeconds(60), 100);
        cache.putValid(1, "s1");
        assertEquals(MISS, cache.lookup(2, "s1"), "another user's token carrying the same sid is not covered");
        cache.markRevoked(2, "s1");
        assertEquals(VALID, cache.lookup(1, "s1"));
    }

    @Test
    void revocationReplacesValidAndALateValidAnswerCannotResurrectIt() {
        SessionValidityCache cache = cache(Duration.ofSeconds(60), 100);
        cache.putValid(1, "s1");
        cache.markRevoked(1, "s1");
        assertEquals(REVOKED, cache.lookup(1, "s1"));
        // logic 在吊销之前算好的“有效”答复晚到
        cache.putValid(1, "s1");
        assertEquals(REVOKED, cache.lookup(1, "s1"));
        // 标记过期后重新问 logic（logic 会给出权威的否定）
        advance(Duration.ofSeconds(61));
        assertEquals(MISS, cache.lookup(1, "s1"));
    }

    @Test
    void rejectionIsCachedUntilTheTokenExpiresAtMost() {
        SessionValidityCache cache = cache(Duration.ofSeconds(60), 100);
        cache.putRejected(1, "never-issued", System.currentTimeMillis() + Duration.ofMinutes(10).toMillis());
        advance(Duration.ofMinutes(9));
        assertEquals(REVOKED, cache.lookup(1, "never-issued"));
        advance(Duration.ofMinutes(2));
        assertEquals(MISS, cache.lookup(1, "never-issued"));
        // 已过期令牌的否定没有意义，不缓存
        cache.putRejected(1, "old", System.currentTimeMillis() - 1000);
        assertEquals(MISS, cache.lookup(1, "old"));
    }

    @Test
    void sizeIsBounded() {
        SessionValidityCache cache = cache(Duration.ofSeconds(60), 50);
        for (int i = 0; i < 1000; i++) {
            cache.putValid(i + 1, "s" + i);
        }
        assertTrue(cache.size() <= 50, "size " + cache.size());
    }

    @Test
    void zeroTtlDisablesCaching() {
        SessionValidityCache cache = cache(Duration.ZERO, 100);
        cache.putValid(1, "s1");
        cache.markRevoked(1, "s2");
        cache.putRejected(1, "s3", System.currentTimeMillis() + 60_000);
        assertEquals(MISS, cache.lookup(1, "s1"));
        assertEquals(MISS, cache.lookup(1, "s2"));
        assertEquals(MISS, cache.lookup(1, "s3"));
    }
}
