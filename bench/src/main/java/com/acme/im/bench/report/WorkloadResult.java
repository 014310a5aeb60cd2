package com.acme.im.bench.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 一个负载（或负载的一个速率台阶）的测量结果。
 *
 * @param name         名称，如 "one-to-one @2000/s"
 * @param targetRate   计划速率（每秒），闭环负载为 0
 * @param achievedRate 实际速率（每秒）
 * @param latency      每次投递/请求的延迟
 * @param reachAll     每条消息到达全部目标设备的时间（群聊扩散用；其余为空）
 * @param completeness 完整性核对
 * @param errors       错误计数（按种类，如 "error-1005"、"ack-4001"、"http-500"、"closed-4000"）
 * @param cpuCores     测量期内各进程平均占用的核数
 */
public record WorkloadResult(String name, double targetRate, double achievedRate, LatencySummary latency,
                             LatencySummary reachAll, Completeness completeness, Map<String, Long> errors,
                             Map<String, Double> cpuCores) {

    public WorkloadResult {
        errors = Map.copyOf(errors);
        cpuCores = new LinkedHashMap<>(cpuCores);
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** 在给定 p99 上限内、无错误、投递完整、且发送速率达到计划的 95%。 */
    public boolean holds(double p99LimitMs) {
        return errorCount() == 0 && completeness.exact() && !latency.isEmpty() && latency.p99() <= p99LimitMs
                && (targetRate == 0 || achievedRate >= 0.95 * targetRate);
    }
}
