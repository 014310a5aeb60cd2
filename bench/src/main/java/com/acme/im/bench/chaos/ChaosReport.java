package com.acme.im.bench.chaos;

import com.acme.im.bench.report.Environment;
import com.acme.im.bench.report.Markdown;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** 把判定渲染成 Markdown：运行环境、每个故障一行的表格、客户端事件计数、问题明细。 */
final class ChaosReport {

    /**
     * 表格之外的运行信息。
     *
     * @param variant   short 或 full
     * @param command   用户敲的命令
     * @param env       机器、Java、提交号
     * @param finished  结束时刻
     * @param traffic   流量形状的描述
     * @param window    每个故障后的观察窗口描述
     * @param jars      各应用 jar 的构建时刻
     * @param clientEvents 客户端事件计数
     * @param notes     其他说明（动作失败、被跳过的故障等）
     */
    record RunInfo(String variant, String command, Environment env, Instant finished, String traffic, String window,
                   String jars, Map<String, Long> clientEvents, List<String> notes) {
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ChaosReport() {
    }

    static String render(Verdict v, RunInfo info) {
        Environment env = info.env();
        StringBuilder b = new StringBuilder();
        b.append("### ").append("full".equals(info.variant()) ? "Full run" : "Short run").append(", ")
                .append(DATE.format(env.startedAt())).append(": ").append(v.passed() ? "PASS" : "FAIL").append("\n\n");
        List<List<String>> meta = new ArrayList<>();
        meta.add(List.of("Command", "`" + info.command() + "`"));
        meta.add(List.of("Date", DATE.format(env.startedAt()) + " to " + DATE.format(info.finished())));
        meta.add(List.of("Machine", env.cores() + " cores (" + env.cpuModel() + "), " + memory(env.memory()) + " RAM, Linux "
                + env.kernel() + "; everything (infrastructure, 7 apps, this client) on the same machine"));
        meta.add(List.of("Java", env.java()));
        meta.add(List.of("Commit", env.commit() + (env.dirty() ? " (working tree had uncommitted changes)" : "")));
        meta.add(List.of("App jars built", info.jars()));
        meta.add(List.of("Traffic", info.traffic()));
        meta.add(List.of("After each fault", info.window()));
        b.append(Markdown.table(List.of("", ""), meta)).append('\n');

        List<List<String>> rows = new ArrayList<>();
        v.rows().forEach(r -> rows.add(row(r)));
        rows.add(row(v.total()).stream().map(s -> s.isEmpty() ? s : "**" + s + "**").toList());
        b.append(Markdown.table(List.of("fault", "action", "recovery", "sent", "acked", "stored", "stored twice",
                "deliveries", "live", "by sync (final)", "missing", "lost msgs", "dup live", "seq gaps", "result"), rows));
        b.append('\n');
        b.append("Client events: ").append(events(info.clientEvents())).append("\n\n");
        for (String n : info.notes()) {
            b.append("Note: ").append(n).append("\n\n");
        }
        if (v.problems().isEmpty()) {
            b.append("Problems: none.\n");
        } else {
            b.append("Problems:\n\n");
            v.problems().forEach(p -> b.append("- ").append(p).append('\n'));
        }
        return b.toString();
    }

    private static List<String> row(VerdictRow r) {
        List<String> out = new ArrayList<>();
        out.add(r.name());
        out.add(r.fault() ? secs(r.actionMs()) : "");
        out.add(r.fault() ? (r.recoveryMs() < 0 ? "not recovered" : secs(r.recoveryMs())) : "");
        out.add(Long.toString(r.sent()));
        out.add(Long.toString(r.acked()));
        out.add(Long.toString(r.stored()));
        out.add(Long.toString(r.storedTwice()));
        out.add(Long.toString(r.expected()));
        out.add(Long.toString(r.live()));
        out.add(r.bySync() + " (" + r.byFinalSync() + ")");
        out.add(Long.toString(r.missing()));
        out.add(Long.toString(r.lost()));
        out.add(r.duplicateLive() + String.format(Locale.ROOT, " (%.2f%% msgs)", r.duplicatePercent()));
        out.add(Long.toString(r.seqErrors()));
        out.add(r.failed() ? "FAIL" + reasons(r) : "ok");
        return out;
    }

    /** 失败原因，括号里列出。 */
    private static String reasons(VerdictRow r) {
        List<String> why = new ArrayList<>();
        if (r.lost() > 0) {
            why.add("loss");
        }
        if (r.storedTwice() > 0 || r.ackConflicts() > 0) {
            why.add("double store");
        }
        if (r.seqErrors() > 0) {
            why.add("seq gap");
        }
        if (r.unacked() > 0) {
            why.add(r.unacked() + " unacked");
        }
        if (r.fault() && r.recoveryMs() < 0) {
            why.add("no recovery");
        }
        return " (" + String.join(", ", why) + ")";
    }

    /** /proc/meminfo 的 "24683548 kB" 写成 GiB。 */
    static String memory(String memTotal) {
        String[] parts = memTotal.trim().split("\\s+");
        try {
            return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(parts[0]) / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return memTotal;
        }
    }

    private static String secs(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String events(Map<String, Long> events) {
        if (events.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        events.forEach((k, n) -> parts.add(k + " " + n));
        return String.join(", ", parts);
    }
}
