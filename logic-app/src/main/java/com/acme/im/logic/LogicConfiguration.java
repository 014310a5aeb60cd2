package com.acme.im.logic;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * logic-app 的业务参数（前缀 im.logic），默认值与种子文档 001 §2.3 一致。
 */
@ConfigurationProperties("im.logic")
public class LogicConfiguration {

    /** 群成员数超过该值时改为发布扩散任务，而不是实时逐网关投递。 */
    private int fanoutThreshold = 500;
    /** 每次调用 repo-app 的截止时间。 */
    private Duration repoDeadline = Duration.ofSeconds(5);
    /**
     * 一次 SaveMessages 调用最多携带的消息数。一批上行记录按它依次分块保存：块越小，单次调用越快完成，
     * 机器繁忙时也不会因为一次调用超过 repo-deadline 而让整批反复重试、永远无法前进。
     */
    private int saveChunkSize = 200;
    /** 分页拉取群成员与会话参与者的每页条数。 */
    private int memberPageSize = 200;
    /** 批量查询在线状态的每批人数（repo 上限 1000）。 */
    private int presenceBatchSize = 1000;
    /** 上下线通知最多通知的单聊对象数（1 到 10000），防止超大会话列表拖慢上线。 */
    private int presenceScanLimit = 2000;

    public int getFanoutThreshold() {
        return fanoutThreshold;
    }

    public void setFanoutThreshold(int fanoutThreshold) {
        this.fanoutThreshold = fanoutThreshold;
    }

    public Duration getRepoDeadline() {
        return repoDeadline;
    }

    public void setRepoDeadline(Duration repoDeadline) {
        this.repoDeadline = repoDeadline;
    }

    public int getSaveChunkSize() {
        return saveChunkSize;
    }

    public void setSaveChunkSize(int saveChunkSize) {
        this.saveChunkSize = saveChunkSize;
    }

    public int getMemberPageSize() {
        return memberPageSize;
    }

    public void setMemberPageSize(int memberPageSize) {
        this.memberPageSize = memberPageSize;
    }

    public int getPresenceBatchSize() {
        return presenceBatchSize;
    }

    public void setPresenceBatchSize(int presenceBatchSize) {
        this.presenceBatchSize = presenceBatchSize;
    }

    public int getPresenceScanLimit() {
        return presenceScanLimit;
    }

    public void setPresenceScanLimit(int presenceScanLimit) {
        this.presenceScanLimit = Math.max(1, Math.min(10_000, presenceScanLimit));
    }
}
