package com.acme.im.logic.admin;

import com.acme.im.runtime.kafka.TaskTypes;
import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 管理后台参数（前缀 im.logic.admin）。
 */
@ConfigurationProperties("im.logic.admin")
public class AdminConfiguration {

    /** 管理员令牌有效期，默认 1 小时（到期重新登录；管理员令牌不能刷新）。 */
    private Duration tokenTtl = Duration.ofHours(1);
    /** 统计积压与死信时等待 Kafka 的最长时间，默认 5 秒；超时则 kafka_available=false，其余数字照常返回。 */
    private Duration kafkaTimeout = Duration.ofSeconds(5);
    /** 统计死信时每个分区最多回看的最新记录数，默认 1000。 */
    private int deadLetterScanLimit = 1000;
    /** 任务类型到处理它的函数消费组名；默认 {类型}-function（与各函数的 micronaut.application.name 一致）。 */
    private Map<String, String> consumerGroups = defaultGroups();

    private static Map<String, String> defaultGroups() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String type : new String[]{TaskTypes.FANOUT, TaskTypes.PUSH, TaskTypes.AUDIT, TaskTypes.INDEX}) {
            m.put(type, type + "-function");
        }
        return m;
    }

    public Duration getTokenTtl() {
        return tokenTtl;
    }

    public void setTokenTtl(Duration tokenTtl) {
        this.tokenTtl = tokenTtl;
    }

    public Duration getKafkaTimeout() {
        return kafkaTimeout;
    }

    public void setKafkaTimeout(Duration kafkaTimeout) {
        this.kafkaTimeout = kafkaTimeout;
    }

    public int getDeadLetterScanLimit() {
        return deadLetterScanLimit;
    }

    public void setDeadLetterScanLimit(int deadLetterScanLimit) {
        this.deadLetterScanLimit = Math.max(1, Math.min(100_000, deadLetterScanLimit));
    }

    public Map<String, String> getConsumerGroups() {
        return consumerGroups;
    }

    /** 只覆盖给出的类型，其余保持默认。 */
    public void setConsumerGroups(Map<String, String> consumerGroups) {
        Map<String, String> merged = defaultGroups();
        merged.putAll(consumerGroups);
        this.consumerGroups = merged;
    }
}
