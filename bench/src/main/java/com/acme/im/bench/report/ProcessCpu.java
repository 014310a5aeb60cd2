package com.acme.im.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 各进程的 CPU 占用（/proc/&lt;pid&gt;/stat 的 utime+stime）：被测应用的 pid 取自 scripts/system.sh 写下的
 * .infra/apps/*.pid，再加上压测进程自己。同机压测时用它判断瓶颈在哪个进程，以及压测端自己占了多少。
 */
public final class ProcessCpu {

    /** Linux 的时钟节拍，几乎所有发行版都是 100。 */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> pids = new LinkedHashMap<>();

    public ProcessCpu(Path appsDir) {
        for (String app : new String[]{"gateway-app", "logic-app", "repo-app", "fanout-function", "push-function",
                "audit-function", "index-function"}) {
            Long pid = AppProcesses.pidOf(appsDir, app);
            if (pid != null) {
                pids.put(app, pid);
            }
        }
        pids.put("bench", ProcessHandle.current().pid());
    }

    /** 当前累计的节拍数。 */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            long t = ticks(pid);
            if (t >= 0) {
                out.put(name, t);
            }
        });
        out.put("machine", machineBusyTicks());
        return out;
    }

    /** 两次快照之间各进程平均占用的核数（保留占用 ≥ 0.01 核的进程）。 */
    public static Map<String, Double> cores(Map<String, Long> before, Map<String, Long> after, long elapsedNanos) {
        Map<String, Double> out = new LinkedHashMap<>();
        double seconds = elapsedNanos / 1e9;
        after.forEach((name, t) -> {
            Long b = before.get(name);
            if (b != null && seconds > 0) {
                double c = (t - b) / TICKS_PER_SECOND / seconds;
                if (c >= 0.01) {
                    out.put(name, Math.round(c * 100) / 100.0);
                }
            }
        });
        return out;
    }

    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // 第 2 个字段（进程名）可能含空格，从最后一个右括号之后开始数
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** 整机非空闲节拍（/proc/stat 第一行，去掉 idle 与 iowait）。 */
    static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
