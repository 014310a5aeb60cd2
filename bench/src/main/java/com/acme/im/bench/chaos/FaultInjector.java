package com.acme.im.bench.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * 执行故障动作：调用 bash scripts/chaos.sh internal &lt;动作&gt; &lt;目标&gt;，输出追加到动作日志。
 * 动作本身（kill、启动并等健康、重启中间件）写在脚本里，与 scripts/system.sh、scripts/infra.sh 的做法放在一处。
 */
final class FaultInjector {

    /**
     * 一次注入的时刻（相对运行开始的毫秒）。
     *
     * @param effectiveMs 故障生效（进程已死 / 已暂停 / 已停止 / 已清空）的时刻
     * @param doneMs      动作做完（重启后健康、暂停结束）的时刻
     */
    record Injection(long effectiveMs, long doneMs) {
    }

    private final Path root;
    private final Path log;
    private final LongSupplier clockMs;
    private volatile String paused;

    FaultInjector(Path root, Path log, LongSupplier clockMs) {
        this.root = root;
        this.log = log;
        this.clockMs = clockMs;
    }

    /** 注入一个故障并等它的动作做完（如重启到健康、暂停期满并恢复）。 */
    Injection inject(Fault f) throws IOException, InterruptedException {
        long effective;
        switch (f.kind()) {
            case KILL_APP -> {
                run("kill9", f.target());
                effective = clockMs.getAsLong();
                // 像进程守护那样马上拉起，从 kill 到健康都算在动作里
                run("start", f.target());
            }
            case PAUSE_APP -> {
                paused = f.target();
                run("stop", f.target());
                effective = clockMs.getAsLong();
                try {
                    TimeUnit.SECONDS.sleep(f.seconds());
                } finally {
                    run("cont", f.target());
                    paused = null;
                }
            }
            case RESTART_INFRA -> {
                run("stop-infra", f.target());
                effective = clockMs.getAsLong();
                run("start-infra", f.target());
            }
            case FLUSH_REDIS -> {
                run("flush-redis");
                effective = clockMs.getAsLong();
            }
            default -> throw new IllegalArgumentException(f.kind().toString());
        }
        return new Injection(effective, clockMs.getAsLong());
    }

    /** 中途退出时别把进程留在 SIGSTOP 状态。 */
    void releasePaused() {
        String p = paused;
        if (p != null) {
            try {
                run("cont", p);
            } catch (Exception e) {
                System.err.println("[chaos] could not SIGCONT " + p + ": " + e);
            }
        }
    }

    private void run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("scripts/chaos.sh").toString(), "internal"));
        cmd.addAll(List.of(args));
        Files.createDirectories(log.getParent());
        Files.writeString(log, "\n$ " + String.join(" ", cmd) + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", args) + " did not finish in 10 minutes (see " + log + ")");
        }
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
            throw new IllegalStateException(String.join(" ", args) + " failed (exit " + p.exitValue() + "), last lines of "
                    + log + ":\n" + tail);
        }
    }
}
