package com.acme.im.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * 议题给出的三个目标，逐一对照结果判断是否达到：
 * 单聊 3000 条/秒且 p99 &lt; 100 ms；2000 个在线群成员在 500 ms 内全部收到；单网关 50000 条空闲连接。
 */
public final class Marks {

    public static final double ONE_TO_ONE_RATE = 3000;
    public static final double ONE_TO_ONE_P99_MS = 100;
    public static final double GROUP_REACH_MS = 500;
    public static final int CONNECTIONS = 50_000;
    public static final double ONE_TO_ONE_HOLD_RATE = 1000;
    public static final double ONE_TO_ONE_HOLD_P99_MS = 200;
    public static final double GROUP_REACH_P99_MS = 300;
    public static final double REST_RATE = 500;
    public static final double REST_P99_MS = 50;

    /** 一个目标的判定。 */
    public record Mark(String mark, String figure, boolean met) {
    }

    private Marks() {
    }

    public static List<Mark> evaluate(RunResults r) {
        List<Mark> out = new ArrayList<>();
        if (!r.oneToOne.isEmpty()) {
            WorkloadResult s = r.oneToOneAt(ONE_TO_ONE_RATE);
            String mark = "3,000 one-to-one messages/s with p99 < 100 ms";
            if (s == null) {
                out.add(new Mark(mark, "not reached: the ladder stopped at " + (long) r.oneToOne.get(r.oneToOne.size() - 1).targetRate()
                        + "/s (highest rate that holds: " + (long) r.oneToOneHighestHeld + "/s)", false));
            } else {
                out.add(new Mark(mark, String.format(Locale.ROOT, "p99 %s ms at %.0f/s achieved, errors %d, completeness %s",
                        LatencySummary.ms(s.latency().p99()), s.achievedRate(), s.errorCount(), s.completeness().exact() ? "exact" : "broken"),
                        s.holds(ONE_TO_ONE_P99_MS)));
            }
        }
        if (!r.oneToOne.isEmpty()) {
            WorkloadResult s = r.oneToOneAt(ONE_TO_ONE_HOLD_RATE);
            out.add(new Mark("1,000 one-to-one messages/s holding (p99 <= 200 ms, complete, no errors)",
                    s == null ? "not reached (highest rate that holds: " + (long) r.oneToOneHighestHeld + "/s)"
                            : String.format(Locale.ROOT, "p99 %s ms at %.0f/s", LatencySummary.ms(s.latency().p99()), s.achievedRate()),
                    s != null && s.holds(ONE_TO_ONE_HOLD_P99_MS)));
            WorkloadResult low = r.oneToOneAt(100);
            if (low != null && r.kafkaTwoTopics != null && !r.kafkaTwoTopics.latency().isEmpty()) {
                double ratio = low.latency().p50() / r.kafkaTwoTopics.latency().p50();
                out.add(new Mark("one-to-one at 100/s: p50 <= 3x the two-hop Kafka floor",
                        String.format(Locale.ROOT, "p50 %s ms = %.1fx the floor (%s ms)", LatencySummary.ms(low.latency().p50()), ratio,
                                LatencySummary.ms(r.kafkaTwoTopics.latency().p50())), ratio <= 3));
            }
        }
        for (WorkloadResult w : r.rest) {
            if (w.targetRate() > 0) {
                out.add(new Mark(w.name() + ": p99 <= 50 ms at 500 req/s",
                        String.format(Locale.ROOT, "p99 %s ms at %.0f req/s, errors %d", LatencySummary.ms(w.latency().p99()),
                                w.achievedRate(), w.errorCount()),
                        w.targetRate() >= REST_RATE && w.latency().p99() <= REST_P99_MS && w.errorCount() == 0));
            }
        }
        WorkloadResult fan = r.group("2000 online");
        if (fan != null) {
            out.add(new Mark("2,000 online of a 5,000-member group: last member reached p99 <= 300 ms",
                    "p99 " + LatencySummary.ms(fan.reachAll().p99()) + " ms",
                    !fan.reachAll().isEmpty() && fan.reachAll().p99() <= GROUP_REACH_P99_MS && fan.completeness().exact()
                            && fan.errorCount() == 0));
        }
        if (fan != null) {
            out.add(new Mark("2,000 online group members reached within 500 ms",
                    "last member reached: p50 " + LatencySummary.ms(fan.reachAll().p50()) + " ms, p99 "
                            + LatencySummary.ms(fan.reachAll().p99()) + " ms (5,000-member group, fanout function)",
                    !fan.reachAll().isEmpty() && fan.reachAll().p99() <= GROUP_REACH_MS && fan.completeness().exact()
                            && fan.errorCount() == 0));
        }
        if (r.connectionsOpen >= 0) {
            out.add(new Mark("50,000 idle connections on one gateway",
                    r.connectionsOpen + " connections open after the hold (target " + r.connectionsTarget + ")",
                    r.connectionsOpen >= CONNECTIONS));
        }
        return out;
    }
}
