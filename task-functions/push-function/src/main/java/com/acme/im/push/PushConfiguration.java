package com.acme.im.push;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * 第三方推送服务与通知内容的配置。api-key 只从环境变量注入，从不写日志。
 */
@ConfigurationProperties("im.push")
public class PushConfiguration {

    /** 推送服务接收通知的地址（POST JSON）。 */
    private String providerUrl = "http://127.0.0.1:9900/v1/notifications";
    /** 推送服务的 API 密钥，作为 Bearer 令牌发送；为空则不带认证头。 */
    private String apiKey;
    /** 单次调用推送服务的超时，默认 3 秒；超时按失败重试。 */
    private Duration timeout = Duration.ofSeconds(3);
    /** 通知预览的最大字符数（按 Unicode 码点计），默认 60。 */
    private int previewLength = 60;
    /** 调用 repo-app 的截止时间，默认 5 秒。 */
    private Duration repoDeadline = Duration.ofSeconds(5);

    public String getProviderUrl() {
        return providerUrl;
    }

    public void setProviderUrl(String providerUrl) {
        this.providerUrl = providerUrl;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public int getPreviewLength() {
        return previewLength;
    }

    public void setPreviewLength(int previewLength) {
        this.previewLength = Math.max(1, previewLength);
    }

    public Duration getRepoDeadline() {
        return repoDeadline;
    }

    public void setRepoDeadline(Duration repoDeadline) {
        this.repoDeadline = repoDeadline;
    }

    @Override
    public String toString() {
        // 防止配置对象被打印时泄露密钥
        return "PushConfiguration{providerUrl=" + providerUrl + ", apiKey=" + (apiKey == null || apiKey.isEmpty() ? "<none>" : "<redacted>")
                + ", timeout=" + timeout + ", previewLength=" + previewLength + "}";
    }
}
