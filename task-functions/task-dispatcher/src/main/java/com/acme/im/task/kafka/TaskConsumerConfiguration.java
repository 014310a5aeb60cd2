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
