package com.acme.im.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * 运行环境：机器（核数、CPU 型号、内存、内核）、Java、提交号（工作区有未提交改动时注明）、开始时的负载。
 *
 * @param cores      可用核数
 * @param cpuModel   /proc/cpuinfo 的 model name
 * @param memory     /proc/meminfo 的 MemTotal
 * @param kernel     内核版本
 * @param java       压测进程的 Java 版本
 * @param commit     git rev-parse HEAD
 * @param dirty      工作区是否有未提交的改动
 * @param loadAvg    开始时的 /proc/loadavg
 * @param startedAt  开始时间
 */
public record Environment(int cores, String cpuModel, String memory, String kernel, String java, String commit,
                          boolean dirty, String loadAvg, Instant startedAt) {

    public static Environment capture(Path root) {
        return new Environment(Runtime.getRuntime().availableProcessors(),
                grep(Path.of("/proc/cpuinfo"), "model name"), grep(Path.of("/proc/meminfo"), "MemTotal"),
                read(Path.of("/proc/sys/kernel/osrelease")), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                exec(root, "git", "rev-parse", "HEAD"), !exec(root, "git", "status", "--porcelain", "--untracked-files=no").isEmpty(),
                read(Path.of("/proc/loadavg")), Instant.now());
    }

    /** 当前 1 分钟负载（报告结束时再记一次）。 */
    public static String loadNow() {
        return read(Path.of("/proc/loadavg"));
    }

    private static String grep(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "?";
        }
        return "?";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String exec(Path dir, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return p.exitValue() == 0 ? out : "?";
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
