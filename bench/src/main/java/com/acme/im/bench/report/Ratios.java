package com.acme.im.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * 端到端延迟与同机同次运行的基线之比。比值在嘈杂的机器上比绝对值稳定：
 * 单聊经过两跳 Kafka（上行、下行），下限是“两个 Topic 串联”；扩散路径多一跳（任务 Topic）。
 */
public final class Ratios {

    /** 一行比值。 */
    public record Ratio(String figure, LatencySummary measured, String baseline, LatencySummary floor) {
        public double p50() {
            return floor.p50() <= 0 ? 0 : measured.p50() / floor.p50();
        }

        public double p99() {
            return floor.p99() <= 0 ? 0 : measured.p99() / floor.p99();
        }
    }

    private Ratios() {
    }

    public static List<Ratio> compute(RunResults r, double baselineRate) {
        List<Ratio> out = new ArrayList<>();
        WorkloadResult one = r.oneToOneAt(baselineRate);
        if (one != null) {
            add(out, "one-to-one @" + (long) baselineRate + "/s", one.latency(), r.kafkaTwoTopics);
            add(out, "one-to-one @" + (long) baselineRate + "/s", one.latency(), r.kafkaOneTopic);
            add(out, "one-to-one @" + (long) baselineRate + "/s", one.latency(), r.echo);
        }
        for (WorkloadResult g : r.groups) {
            add(out, g.name() + " (per delivery)", g.latency(), r.kafkaTwoTopics);
        }
        return out;
    }

    private static void add(List<Ratio> out, String figure, LatencySummary measured, WorkloadResult baseline) {
        if (baseline != null && !measured.isEmpty() && !baseline.latency().isEmpty()) {
            out.add(new Ratio(figure, measured, baseline.name(), baseline.latency()));
        }
    }
}
