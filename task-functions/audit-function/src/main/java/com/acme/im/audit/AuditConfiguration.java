package com.acme.im.audit;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * 审核配置：敏感词表（配置列表 + 可选词表文件）与命中后的处理策略。
 */
@ConfigurationProperties("im.audit")
public class AuditConfiguration {

    /** 命中策略：flag 只记录；mask 记录并遮蔽消息、通知会话在线成员。 */
    public enum Policy { FLAG, MASK }

    /** 配置中的敏感词（中英文均可）。 */
    private List<String> words = new ArrayList<>();
    /** 额外的词表文件（UTF-8，每行一个词，# 开头为注释），为空则不读。 */
    private String wordsFile;
    /** 命中策略，默认 flag。 */
    private Policy policy = Policy.FLAG;
    /** 遮蔽字符，默认 *。 */
    private char maskChar = '*';
    /** 调用 repo-app 的截止时间，默认 5 秒。 */
    private Duration repoDeadline = Duration.ofSeconds(5);
    /** mask 通知时每批成员数，默认 200。 */
    private int pageSize = 200;
    /** mask 通知等待全部下行记录被 Kafka 确认的最长时间，默认 30 秒。 */
    private Duration sendTimeout = Duration.ofSeconds(30);
    /** 向 repo 核对运行时敏感词表版本的间隔，默认 10 秒（改词后最迟这么久生效）；0 关闭运行时词表。 */
    private Duration reloadInterval = Duration.ofSeconds(10);

    public List<String> getWords() {
        return words;
    }

    public void setWords(List<String> words) {
        this.words = words;
    }

    public String getWordsFile() {
        return wordsFile;
    }

    public void setWordsFile(String wordsFile) {
        this.wordsFile = wordsFile;
    }

    public Policy getPolicy() {
        return policy;
    }

    public void setPolicy(Policy policy) {
        this.policy = policy;
    }

    public char getMaskChar() {
        return maskChar;
    }

    public void setMaskChar(char maskChar) {
        this.maskChar = maskChar;
    }

    public Duration getRepoDeadline() {
        return repoDeadline;
    }

    public void setRepoDeadline(Duration repoDeadline) {
        this.repoDeadline = repoDeadline;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = Math.max(1, Math.min(1000, pageSize));
    }

    public Duration getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public Duration getReloadInterval() {
        return reloadInterval;
    }

    public void setReloadInterval(Duration reloadInterval) {
        this.reloadInterval = reloadInterval;
    }
}
