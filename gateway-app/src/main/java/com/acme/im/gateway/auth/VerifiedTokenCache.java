package com.acme.im.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * 已验签令牌的声明，按令牌原文缓存到令牌过期：同一令牌的后续请求不再做 HMAC 验签与 Base64/JSON 解析
 * （剖析中这是网关 REST 请求 CPU 的最大一块）。键是完整的令牌字符串，任何改动都是另一个键、要重新验签；
 * 只缓存验签通过的结果，伪造的令牌不会占用条目。会话是否吊销不在这里判断，仍由 {@link SessionValidityCache} 负责。
 */
@Singleton
public class VerifiedTokenCache {

    private final Cache<String, TokenClaims> cache;
    /** 墙上时间（毫秒）：令牌的 exp 是墙上时间。 */
    private final LongSupplier nowMillis;

    @Inject
    public VerifiedTokenCache(GatewayAuthConfiguration configuration, MeterRegistry meters) {
        this(configuration, Ticker.systemTicker(), System::currentTimeMillis);
        meters.gauge("im.gateway.auth.token_cache.size", cache, Cache::estimatedSize);
    }

    VerifiedTokenCache(GatewayAuthConfiguration configuration, Ticker ticker, LongSupplier nowMillis) {
        this.nowMillis = nowMillis;
        this.cache = Caffeine.newBuilder()
                .maximumSize(configuration.sessionCacheMaxSize())
                .ticker(ticker)
                .expireAfter(new Expiry<String, TokenClaims>() {
                    @Override
                    public long expireAfterCreate(String token, TokenClaims claims, long currentTime) {
                        return TimeUnit.MILLISECONDS.toNanos(Math.max(0, claims.expiresAt() - nowMillis.getAsLong()));
                    }

                    @Override
                    public long expireAfterUpdate(String token, TokenClaims claims, long currentTime, long currentDuration) {
                        return currentDuration;
                    }

                    @Override
                    public long expireAfterRead(String token, TokenClaims claims, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** 令牌的声明：缓存命中且未过期时直接返回，否则用 verifier 验签（失败返回 null，不缓存）。 */
    @Nullable
    public TokenClaims claims(String token, Function<String, TokenClaims> verifier) {
        TokenClaims hit = cache.getIfPresent(token);
        if (hit != null) {
            // 过期淘汰有粒度，命中时再按令牌自己的 exp 核对一次
            if (hit.expiresAt() > nowMillis.getAsLong()) {
                return hit;
            }
            cache.invalidate(token);
            return null;
        }
        TokenClaims verified = verifier.apply(token);
        if (verified != null) {
            cache.put(token, verified);
        }
        return verified;
    }

}
