package com.acme.im.task;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * 任务重试策略（种子 001 的 RetryConfig）：首次失败后最多重试 max-retries 次，
 * 间隔从 initial-delay 起按 multiplier 倍增，不超过 max-delay；耗尽后进入死信。
 * 常驻消费者在间隔内暂停该分区（拉取线程不睡眠，其他分区照常），Lambda 在本次调用内等待。
 */
@ConfigurationProperties("im.task.retry")
public class RetryPolicy {

    /** 默认最多重试 3 次（总共尝试 4 次）。 */
    private int maxRetries = 3;
    /** 默认首次重试前等待 100 毫秒。 */
    private Duration initialDelay = Duration.ofMillis(100);
    /** 默认每次翻倍。 */
    private double multiplier = 2.0;
    /** 默认单次等待不超过 5 秒。 */
    private Duration maxDelay = Duration.ofSeconds(5);

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = Math.max(0, maxRetries);
    }

    public Duration getInitialDelay() {
        return initialDelay;
    }

    public void setInitialDelay(Duration initialDelay) {
        this.initialDelay = initialDelay;
    }

    public double getMultiplier() {
        return multiplier;
    }

    public void setMultiplier(double multiplier) {
        this.multiplier = Math.max(1.0, multiplier);
    }

    public Duration getMaxDelay() {
        return maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
        this.maxDelay = maxDelay;
    }

    /** 总尝试次数。 */
    public int maxAttempts() {
        return maxRetries + 1;
    }

    /** 第 retry 次重试（从 1 开始）之前的等待时间。 */
    public Duration delayBeforeRetry(int retry) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
        return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
    }
}
