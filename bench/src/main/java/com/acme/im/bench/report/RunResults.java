package com.acme.im.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 一次运行收集到的全部结果；某个负载没有运行时对应字段为空，报告里就不出现那一节。
 */
public final class RunResults {

    /** 单聊环各速率台阶。 */
    public final List<WorkloadResult> oneToOne = new ArrayList<>();
    /** 单聊能保持的最高速率（0 表示一个台阶都未达标）。 */
    public double oneToOneHighestHeld;
    /** 单聊台阶达标的 p99 上限（毫秒）。 */
    public double oneToOneP99Limit = 200;
    /** 群聊：500 人直投、5000 人扩散、世界聊天室，按此顺序。 */
    public final List<WorkloadResult> groups = new ArrayList<>();
    /** 空闲连接爬坡的各项数字（已格式化）。 */
    public final Map<String, String> connections = new LinkedHashMap<>();
    /** 爬坡保持结束时仍然打开的连接数（-1 表示未运行）。 */
    public int connectionsOpen = -1;
    public int connectionsTarget;
    /** REST 读接口。 */
    public final List<WorkloadResult> rest = new ArrayList<>();
    /** 基线：Kafka 一跳、Kafka 两跳、WebSocket 回显。 */
    public WorkloadResult kafkaOneTopic;
    public WorkloadResult kafkaTwoTopics;
    public WorkloadResult echo;
    /** 运行中值得写进报告的备注（例如同时有其他测试在跑）。 */
    public final List<String> notes = new ArrayList<>();

    /** 按计划速率找单聊台阶。 */
    public WorkloadResult oneToOneAt(double rate) {
        for (WorkloadResult r : oneToOne) {
            if (r.targetRate() == rate) {
                return r;
            }
        }
        return null;
    }

    /** 名称中含 key 的群聊结果。 */
    public WorkloadResult group(String key) {
        for (WorkloadResult r : groups) {
            if (r.name().contains(key)) {
                return r;
            }
        }
        return null;
    }
}
