package com.acme.im.task.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * 常驻消费者的配置。消费组默认取应用名（例如 fanout-function），每个函数因此独立伸缩与部署。
 * 连接与认证（bootstrap、security.protocol、sasl.*、ssl.*）不在这里，而取自 micronaut-kafka 的 kafka.* 与
 * kafka.consumers.default.*（见 {@link TaskConsumerFactory}）；这里的取值覆盖它们中的同名项。
 */
@ConfigurationProperties("im.task.consumer")
public class TaskConsumerConfiguration {

    /** 消费组；为空时使用 micronaut.application.name。 */
    private String groupId;
    /** 消费线程数（每个线程一个 KafkaConsumer），默认 1。 */
    private int threads = 1;
    /** 单次 poll 最多记录数，默认 200。 */
    private int maxPollRecords = 200;
    /**
     * 攒批等待：broker 最多等这么久、或攒够 {@link #batchMinBytes} 再回 poll，默认 0（有记录立即返回）。
     * 对延迟不敏感的函数（审核、索引）设为几十到一百毫秒：poll 与逐分区同步提交的次数随之减少，
     * 在持续流量下省下的是与消息数无关的固定开销；记录到达后的延迟最多增加这么多。
     */
    private Duration batchWait = Duration.ZERO;
    /** 攒批的字节数阈值（fetch.min.bytes），与 batchWait 一起生效，默认 16384。 */
    private int batchMinBytes = 16_384;
    /** poll 等待时间，默认 500 毫秒。 */
    private Duration pollTimeout = Duration.ofMillis(500);
    /** 新消费组从最早的记录开始，避免函数晚于发布方启动时漏掉任务。 */
    private String autoOffsetReset = "earliest";
    /** 分发失败（死信不可写）后该分区暂停多久再重新消费，默认 1 秒；期间其他分区照常消费。 */
    private Duration failurePause = Duration.ofSeconds(1);

    public String getGroupId() {
        return groupId;
    }

    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }

    public int getThreads() {
        return threads;
    }

    public void setThreads(int threads) {
        this.threads = Math.max(1, threads);
    }

    public Duration getBatchWait() {
        return batchWait;
    }

    public void setBatchWait(Duration batchWait) {
        this.batchWait = batchWait == null || batchWait.isNegative() ? Duration.ZERO : batchWait;
    }

    public int getBatchMinBytes() {
        return batchMinBytes;
    }

    public void setBatchMinBytes(int batchMinBytes) {
        this.batchMinBytes = Math.max(1, batchMinBytes);
    }

    public int getMaxPollRecords() {
        return maxPollRecords;
    }

    public void setMaxPollRecords(int maxPollRecords) {
        this.maxPollRecords = Math.max(1, maxPollRecords);
    }

    public Duration getPollTimeout() {
        return pollTimeout;
    }

    public void setPollTimeout(Duration pollTimeout) {
        this.pollTimeout = pollTimeout;
    }

    public String getAutoOffsetReset() {
        return autoOffsetReset;
    }

    public void setAutoOffsetReset(String autoOffsetReset) {
        this.autoOffsetReset = autoOffsetReset;
    }

    public Duration getFailurePause() {
        return failurePause;
    }

    public void setFailurePause(Duration failurePause) {
        this.failurePause = failurePause;
    }
}
