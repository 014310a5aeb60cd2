package com.acme.im.gateway.ws;

import com.acme.im.gateway.GatewayConfiguration;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * 按用户限制发送速率：同一用户的多个连接共用一个桶，多开连接不能绕过限制。
 * 只在本网关内计数；跨网关的总量限制不在此处。
 */
@Singleton
public class SendRateLimiter {

    private final Map<Long, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final double ratePerSecond;
    private final int burst;

    public SendRateLimiter(GatewayConfiguration configuration) {
        this.ratePerSecond = configuration.getSendRatePerSecond();
        this.burst = configuration.getSendBurst();
    }

    /** 为一条消息取令牌。 */
    public boolean tryAcquire(long userId) {
        return buckets.computeIfAbsent(userId, id -> new TokenBucket(ratePerSecond, burst, System::nanoTime)).tryAcquire();
    }

    /** 用户在本网关已无连接时释放其桶，避免表无限增长。 */
    public void forget(long userId) {
        buckets.remove(userId);
    }
}
