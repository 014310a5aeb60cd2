package com.acme.im.bench.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * 一个故障。key 是命令行里的名字（--faults=kill-logic-app,flush-redis），label 是报告表格第一列。
 *
 * @param key     kill-&lt;app&gt; | pause-&lt;app&gt; | restart-&lt;kafka|etcd|mariadb&gt; | flush-redis
 * @param label   人读的描述
 * @param kind    种类
 * @param target  应用名或基础设施名（FLUSH_REDIS 为 redis）
 * @param seconds 暂停时长（只对 PAUSE_APP 有意义）
 */
public record Fault(String key, String label, FaultKind kind, String target, int seconds) {

    /** scripts/system.sh 管理的应用。 */
    static final Set<String> APPS = Set.of("repo-app", "logic-app", "gateway-app", "fanout-function", "push-function",
            "audit-function", "index-function");

    /** 可以重启的基础设施（Elasticsearch 只被 index 函数用，重启要一分多钟，不在套件里）。 */
    static final Set<String> INFRA = Set.of("kafka", "etcd", "mariadb", "redis");

    /**
     * 按 key 解析一个故障。
     *
     * @param pauseSeconds PAUSE_APP 的暂停时长
     */
    public static Fault parse(String key, int pauseSeconds) {
        if ("flush-redis".equals(key)) {
            return new Fault(key, "redis FLUSHALL", FaultKind.FLUSH_REDIS, "redis", 0);
        }
        int dash = key.indexOf('-');
        String verb = dash < 0 ? key : key.substring(0, dash);
        String target = dash < 0 ? "" : key.substring(dash + 1);
        return switch (verb) {
            case "kill" -> {
                requireIn(APPS, target, key);
                yield new Fault(key, "kill -9 " + target + ", restart", FaultKind.KILL_APP, target, 0);
            }
            case "pause" -> {
                requireIn(APPS, target, key);
                yield new Fault(key, "SIGSTOP " + target + " " + pauseSeconds + " s", FaultKind.PAUSE_APP, target,
                        pauseSeconds);
            }
            case "restart" -> {
                requireIn(INFRA, target, key);
                yield new Fault(key, "restart " + target, FaultKind.RESTART_INFRA, target, 0);
            }
            default -> throw new IllegalArgumentException("unknown fault '" + key
                    + "': kill-<app>, pause-<app>, restart-<kafka|etcd|mariadb|redis>, flush-redis");
        };
    }

    /**
     * 短套件：清空 Redis、崩溃网关（客户端全部重连）、崩溃 logic，5 分钟以内。
     * logic 放最后：它停摆期间客户端每 3 秒的重发会在上行 Topic 里积压很多，排空要时间，放前面会拖进后面故障的测量。
     */
    public static List<String> shortPlan() {
        return List.of("flush-redis", "kill-gateway-app", "kill-logic-app");
    }

    /** 完整套件：每种故障各一次。 */
    public static List<String> fullPlan(String taskFunction) {
        return List.of("kill-logic-app", "kill-gateway-app", "kill-repo-app", "kill-" + taskFunction,
                "restart-kafka", "restart-etcd", "restart-mariadb", "flush-redis", "pause-logic-app");
    }

    /** 解析一组 key。 */
    public static List<Fault> parseAll(List<String> keys, int pauseSeconds) {
        List<Fault> out = new ArrayList<>();
        for (String k : keys) {
            out.add(parse(k.trim(), pauseSeconds));
        }
        return out;
    }

    private static void requireIn(Set<String> allowed, String target, String key) {
        if (!allowed.contains(target)) {
            throw new IllegalArgumentException("unknown target in fault '" + key + "': one of " + allowed);
        }
    }
}
