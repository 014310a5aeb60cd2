package com.acme.im.fanout;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * 扩散配置。
 */
@ConfigurationProperties("im.fanout")
public class FanoutConfiguration {

    /**
     * 每页成员数，默认 1000（repo 的上限）。翻页按游标只能一页接一页，是扩散的关键路径：
     * 种子 001 §4.3 的 200 人一页让 5000 人群串行 25 次往返，1000 人一页只需 5 次。
     */
    private int pageSize = 1000;
    /** 一次在线状态批量查询的人数（种子 001 §4.3 的每批 200），一页成员拆成几批并发查询。 */
    private int presenceBatch = 200;
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

    public int getPresenceBatch() {
        return presenceBatch;
    }

    public void setPresenceBatch(int presenceBatch) {
        this.presenceBatch = Math.max(1, Math.min(1000, presenceBatch));
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
