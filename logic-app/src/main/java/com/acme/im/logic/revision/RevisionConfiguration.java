package com.acme.im.logic.revision;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * 撤回与编辑的时间窗（前缀 im.logic.revision）。从消息的服务端接收时间算起；
 * 群主与管理员撤回不受时间窗限制。
 */
@ConfigurationProperties("im.logic.revision")
public class RevisionConfiguration {

    /** 发送者撤回自己消息的时间窗，默认 2 分钟。 */
    private Duration recallWindow = Duration.ofMinutes(2);
    /** 发送者编辑自己消息的时间窗，默认 15 分钟。 */
    private Duration editWindow = Duration.ofMinutes(15);
    /**
     * 等待索引、审核任务与通知被 Kafka 确认的最长时间，默认 3 秒（须小于网关调用 logic 的 5 秒截止时间）；
     * 任务超时回 1007 让客户端重试，通知超时只记日志（变更已保存）。
     */
    private Duration publishTimeout = Duration.ofSeconds(3);

    public Duration getRecallWindow() {
        return recallWindow;
    }

    public void setRecallWindow(Duration recallWindow) {
        this.recallWindow = recallWindow;
    }

    public Duration getEditWindow() {
        return editWindow;
    }

    public void setEditWindow(Duration editWindow) {
        this.editWindow = editWindow;
    }

    public Duration getPublishTimeout() {
        return publishTimeout;
    }

    public void setPublishTimeout(Duration publishTimeout) {
        this.publishTimeout = publishTimeout;
    }
}
