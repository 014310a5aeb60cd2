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
