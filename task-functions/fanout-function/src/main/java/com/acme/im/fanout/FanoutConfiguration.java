package com.acme.im.fanout;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * 扩散配置。
 */
@ConfigurationProperties("im.fanout")
public class FanoutConfiguration {

    /** 每批成员数（种子 001 §4.3 为 200），同时也是一次在线状态批量查询的人数。 */
    private int pageSize = 200;
    /**
     * 同时在途的 repo-app 调用上限（翻页加在线查询），默认 4：翻页只能串行，其余空位给各页的在线查询，
     * 既让查询与翻页重叠，又不让一个大群任务压垮 repo-app。1 即完全串行。
     */
    private int maxInFlight = 4;
    /** 每次调用 repo-app 的截止时间，默认 5 秒。 */
    private Duration repoDeadline = Duration.ofSeconds(5);
    /** 等待全部下行记录被 Kafka 确认的最长时间，默认 30 秒。 */
    private Duration sendTimeout = Duration.ofSeconds(30);

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = Math.max(1, Math.min(1000, pageSize));
    }

    public int getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = Math.max(1, Math.min(64, maxInFlight));
    }

    public Duration getRepoDeadline() {
        return repoDeadline;
    }

    public void setRepoDeadline(Duration repoDeadline) {
        this.repoDeadline = repoDeadline;
    }

    public Duration getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }
}
