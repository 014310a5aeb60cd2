package com.acme.im.gateway.ws;

import com.acme.im.gateway.GatewayConfiguration;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * 按用户限制发送速率：同一用户的多个连接共用一个桶，多开连接不能绕过限制。
 * 桶不随最后一个连接关闭而丢弃，而是保留到它回满（最多 send-burst / send-rate-per-second 秒）：
 * 否则断线重连就能立即拿回整个突发量。回满的桶由定时清理移除，表的大小只取决于最近一个窗口内发过消息的用户数。
 * 只在本网关内计数；跨网关的总量限制不在此处。
 */
@Singleton
public class SendRateLimiter {

    private final Map<Long, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final double ratePerSecond;
    private final int burst;
    private final LongSupplier nanoClock;

    @Inject
    public SendRateLimiter(GatewayConfiguration configuration) {
        this(configuration, System::nanoTime);
    }

    SendRateLimiter(GatewayConfiguration configuration, LongSupplier nanoClock) {
        this.ratePerSecond = configuration.getSendRatePerSecond();
        this.burst = configuration.getSendBurst();
        this.nanoClock = nanoClock;
    }

    /** 为一条消息取令牌。取令牌与清理在同一个键上互斥，清理不会丢掉正在被扣减的桶。 */
    public boolean tryAcquire(long userId) {
        boolean[] granted = {false};
        buckets.compute(userId, (id, bucket) -> {
            TokenBucket b = bucket == null ? new TokenBucket(ratePerSecond, burst, nanoClock) : bucket;
            granted[0] = b.tryAcquire();
            return b;
        });
        return granted[0];
    }

    /** 移除已回满的桶（与新建的桶等价），返回移除数。 */
    @Scheduled(fixedDelay = "${im.gateway.send-bucket-sweep-interval:10s}")
    int evictRefilled() {
        int evicted = 0;
        for (Long userId : buckets.keySet()) {
            boolean[] removed = {false};
            buckets.computeIfPresent(userId, (id, bucket) -> {
                removed[0] = bucket.isFull();
                return removed[0] ? null : bucket;
            });
            if (removed[0]) {
                evicted++;
            }
        }
        return evicted;
    }

    /** 当前保留的桶数。 */
    int size() {
        return buckets.size();
    }
}
