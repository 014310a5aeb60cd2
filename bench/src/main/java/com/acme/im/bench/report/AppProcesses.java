package com.acme.im.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 找到被测应用的进程并读取其内存：pid 取自 scripts/system.sh 写下的 pid 文件，并核对命令行里确有该应用；
 * RSS 取自 /proc/&lt;pid&gt;/status。
 */
public final class AppProcesses {

    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private AppProcesses() {
    }

    /** 应用的 pid；pid 文件不存在、进程已退出或命令行不符时返回 null。 */
    public static Long pidOf(Path appsDir, String app) {
        try {
            Path f = appsDir.resolve(app + ".pid");
            if (!Files.exists(f)) {
                return null;
            }
            long pid = Long.parseLong(Files.readString(f).trim());
            String cmd = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
            return cmd.contains(app) ? pid : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** 常驻内存（字节），读不到时 -1。 */
    public static long rssBytes(long pid) {
        try {
            Matcher m = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** 打开文件数上限（软限制），读不到时 -1。 */
    public static long maxOpenFiles(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits"))) {
                if (line.startsWith("Max open files")) {
                    return Long.parseLong(line.substring(26).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
