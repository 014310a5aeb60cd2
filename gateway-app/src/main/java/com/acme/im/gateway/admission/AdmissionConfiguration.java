package com.acme.im.gateway.admission;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * REST 准入参数（前缀 im.gateway.rest），默认值即文档。
 */
@ConfigurationProperties("im.gateway.rest")
public class AdmissionConfiguration {

    /**
     * 本网关同时处理中的 /api 请求上限（含在 io 线程池里排队的），超出立即回 503（1008）并带 Retry-After。
     * 默认 256 = io 线程数 64 的 4 倍：正常负载下在途请求只有个位数，到这个数说明已经排队几百毫秒，
     * 再收下的请求只会在客户端放弃之后才被处理，白白占用下游。
     */
    private int maxInFlight = 256;
    /** 拒绝时 Retry-After 头的秒数。 */
    private int retryAfterSeconds = 1;

    public int getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    public int getRetryAfterSeconds() {
        return retryAfterSeconds;
    }

    public void setRetryAfterSeconds(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }
}
