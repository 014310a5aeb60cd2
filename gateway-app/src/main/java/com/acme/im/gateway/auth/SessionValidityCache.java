package com.acme.im.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/**
 * 会话有效性缓存：本地验签通过后，按（用户 ID，会话 ID）记住 logic 的结论，免去每个请求一次 logic→repo→MariaDB 往返。
 * 有效结论只缓存 session-cache-ttl；否定结论（已吊销、从未签发）缓存到令牌本身过期为止；
 * 吊销广播与本网关的登出把会话直接标记为吊销。吊销不可逆，所以否定结论不会被晚到的“有效”答复覆盖。
 * 键里带用户 ID：sid 只对签发时的用户有效，另一个用户的令牌带上它不会命中这个用户的结论。
 */
@Singleton
public class SessionValidityCache {

    /** 查询结果。 */
    public enum State {
        /** logic 确认有效且未过期。 */
        VALID,
        /** 已吊销或从未签发。 */
        REVOKED,
        /** 没有缓存，需要问 logic。 */
        MISS
    }

    /** 缓存键。 */
    private record Key(long userId, String sessionId) {
    }

    /** 缓存值：结论与它自己的存活时间（纳秒）。 */
    private record Verdict(boolean valid, long ttlNanos) {
    }

    private final Cache<Key, Verdict> cache;
    private final long validTtlNanos;

    @Inject
    public SessionValidityCache(GatewayAuthConfiguration configuration, MeterRegistry meters) {
        this(configuration, Ticker.systemTicker());
        meters.gauge("im.gateway.auth.session_cache.size", cache, Cache::estimatedSize);
    }

    SessionValidityCache(GatewayAuthConfiguration configuration, Ticker ticker) {
        this.validTtlNanos = Math.max(0, configuration.sessionCacheTtl().toNanos());
        this.cache = Caffeine.newBuilder()
                .maximumSize(configuration.sessionCacheMaxSize())
                .ticker(ticker)
                .expireAfter(new Expiry<Key, Verdict>() {
                    @Override
                    public long expireAfterCreate(Key key, Verdict value, long currentTime) {
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(Key key, Verdict value, long currentTime, long currentDuration) {
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(Key key, Verdict value, long currentTime, long currentDuration) {
                        // 读取不延长寿命：有效结论最多活 TTL，之后必须重新问 logic
                        return currentDuration;
                    }
                })
                .build();
    }

    /** 缓存中的结论。 */
    public State lookup(long userId, String sessionId) {
        Verdict v = cache.getIfPresent(new Key(userId, sessionId));
        if (v == null) {
            return State.MISS;
        }
        return v.valid() ? State.VALID : State.REVOKED;
    }

    /** logic 确认有效：缓存 TTL；已有否定结论时保持否定（晚到的旧答复不能让已吊销的会话复活）。 */
    public void putValid(long userId, String sessionId) {
        if (disabled()) {
            return;
        }
        cache.asMap().compute(new Key(userId, sessionId),
                (k, old) -> old != null && !old.valid() ? old : new Verdict(true, validTtlNanos));
    }

    /**
     * logic 拒绝（1002）：缓存到令牌过期为止。令牌过期后本地验签就会拒绝它，再长的缓存也用不上。
     *
     * @param tokenExpiresAt 令牌过期时间（毫秒时间戳）
     */
    public void putRejected(long userId, String sessionId, long tokenExpiresAt) {
        long ttl = TimeUnit.MILLISECONDS.toNanos(tokenExpiresAt - System.currentTimeMillis());
        if (!disabled() && ttl > 0) {
            cache.put(new Key(userId, sessionId), new Verdict(false, ttl));
        }
    }

    /**
     * 吊销广播或本网关登出：标记吊销，替换可能存在的有效结论。
     * 保留 session-cache-ttl：它之后才缓存的“有效”答复只可能来自吊销之前发出的请求，这里挡住它们；
     * 标记过期后的请求会问 logic，得到权威的否定结论。
     */
    public void markRevoked(long userId, String sessionId) {
        if (!disabled()) {
            cache.put(new Key(userId, sessionId), new Verdict(false, validTtlNanos));
        }
    }

    /** session-cache-ttl 为 0：什么都不缓存，每个请求都问 logic。 */
    private boolean disabled() {
        return validTtlNanos == 0;
    }

    /** 当前条目数（近似，测试与指标用）。 */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
