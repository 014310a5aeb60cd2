package com.acme.im.gateway.ws;

import com.acme.im.runtime.limits.Limits;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * “正在输入”的限频：同一（用户，会话）在 {@link Limits#TYPING_RELAY_INTERVAL_MS} 内只转发第一次，
 * 其余直接丢弃（提示本就是“几秒内有效”的状态，丢掉不影响显示）。条目写入后到期自动消失，
 * 上限防止大量会话 ID 撑大内存。
 */
@Singleton
public class TypingThrottle {

    private static final int MAX_ENTRIES = 200_000;

    private final Cache<String, Boolean> recent;

    @Inject
    public TypingThrottle() {
        this(Ticker.systemTicker());
    }

    /** 测试用：可控的时钟。 */
    TypingThrottle(Ticker ticker) {
        this.recent = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofMillis(Limits.TYPING_RELAY_INTERVAL_MS))
                .maximumSize(MAX_ENTRIES)
                .ticker(ticker)
                .build();
    }

    /** 本次是否应转发；是则占住这个时间段。 */
    public boolean tryAcquire(long userId, String conversationId) {
        return recent.asMap().putIfAbsent(key(userId, conversationId), Boolean.TRUE) == null;
    }

    /** 转发被拒绝（如不是成员）：释放时间段，下一次提示照常检查并得到错误帧。 */
    public void release(long userId, String conversationId) {
        recent.invalidate(key(userId, conversationId));
    }

    private static String key(long userId, String conversationId) {
        return userId + ":" + conversationId;
    }
}
