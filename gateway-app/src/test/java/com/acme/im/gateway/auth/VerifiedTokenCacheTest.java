package com.acme.im.gateway.auth;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class VerifiedTokenCacheTest {

    private static final long NOW_MS = 1_800_000_000_000L;
    /** 以纪元纳秒计、手动推进的时钟。 */
    private final AtomicLong nanos = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(NOW_MS));
    private final VerifiedTokenCache cache = new VerifiedTokenCache(new GatewayAuthConfiguration(Duration.ofSeconds(60), 100,
            3, (short) 1, Duration.ofSeconds(30), Duration.ofMillis(500)), (Ticker) nanos::get,
            () -> TimeUnit.NANOSECONDS.toMillis(nanos.get()));
    private final AtomicInteger verifications = new AtomicInteger();

    private Function<String, TokenClaims> verifier(TokenClaims answer) {
        return token -> {
            verifications.incrementAndGet();
            return answer;
        };
    }

    @Test
    void aVerifiedTokenIsVerifiedOnceUntilItExpires() {
        TokenClaims claims = new TokenClaims(7, "alice", "s1", NOW_MS + 60_000);
        assertEquals(claims, cache.claims("token-a", verifier(claims)));
        assertEquals(claims, cache.claims("token-a", verifier(claims)));
        assertEquals(1, verifications.get(), "the second request must not verify the signature again");

        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        assertNull(cache.claims("token-a", verifier(null)), "an expired token is verified again and rejected");
        assertEquals(2, verifications.get());
    }

    @Test
    void rejectedTokensAreNotCachedAndAnyChangeIsANewKey() {
        assertNull(cache.claims("forged", verifier(null)));
        assertNull(cache.claims("forged", verifier(null)));
        assertEquals(2, verifications.get(), "a failed verification is not remembered as valid or invalid");

        TokenClaims claims = new TokenClaims(7, "alice", "s1", NOW_MS + 60_000);
        cache.claims("token-a", verifier(claims));
        assertNull(cache.claims("token-a.", verifier(null)), "a tampered token string does not hit the cached claims");
    }
}
