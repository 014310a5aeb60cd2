package com.acme.im.bench.chat;

import com.acme.im.bench.report.WorkloadResult;

import java.util.Locale;

/**
 * 控制台上一行一个阶段的进度输出。
 */
final class ChatReportLine {

    private ChatReportLine() {
    }

    static String format(WorkloadResult r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-30s achieved %.0f/s  %s", r.name(),
                r.achievedRate(), r.latency().format()));
        if (!r.reachAll().isEmpty()) {
            b.append("  | reach-all ").append(r.reachAll().format());
        }
        b.append("  | completeness ").append(r.completeness().format());
        b.append("  | errors ").append(r.errors().isEmpty() ? "0" : r.errors());
        b.append("  | cpu ").append(r.cpuCores());
        return b.toString();
    }
}
