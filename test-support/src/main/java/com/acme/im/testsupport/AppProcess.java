package com.acme.im.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * 以子进程运行某个模块已打好的 jar（-D 传配置、输出写日志文件），并等它就绪。
 * 各模块的集成测试与端到端测试都经这里启动应用，启动参数、就绪判断与停止方式只有一份。
 */
public final class AppProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private volatile boolean stopping;

    private AppProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** 仓库根目录：从当前目录向上找含 repo-app 模块的目录。 */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("repo-app"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot locate the repository root from " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** 模块（如 repo-app、task-functions/index-function）的可运行 jar；缺失时失败而不是跳过测试。 */
    public static Path jar(String module) {
        String artifact = Path.of(module).getFileName().toString();
        Path jar = repoRoot().resolve(module).resolve("target").resolve(artifact + "-0.1.0-SNAPSHOT.jar");
        if (!Files.exists(jar)) {
            // 跳过会让一次没有真正运行的集成测试显示为通过
            throw new IllegalStateException(jar + " is missing: build it first (mvn -DskipTests package -pl " + module + ")");
        }
        return jar;
    }

    /** 启动模块 module，props 以 -D 传入，env 为额外环境变量，输出写到 log。 */
    public static AppProcess start(String module, Path log, Map<String, String> props, Map<String, String> env) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC"));
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar(module).toString());
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            AppProcess app = new AppProcess(Path.of(module).getFileName().toString(), pb.start(), log);
            Runtime.getRuntime().addShutdownHook(new Thread(app::close));
            return app;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + module, e);
        }
    }

    /** 同上，无额外环境变量。 */
    public static AppProcess start(String module, Path log, Map<String, String> props) {
        return start(module, log, props, Map.of());
    }

    /** 等 httpPort 上的 /health/readiness 回答 UP（网关传管理端口）。 */
    public AppProcess awaitReady(int httpPort) {
        URI uri = URI.create("http://127.0.0.1:" + httpPort + "/health/readiness");
        await(name + " ready on :" + httpPort + " (log " + log + ")").atMost(STARTUP).pollInterval(Duration.ofMillis(300))
                .ignoreExceptionsInstanceOf(IOException.class).until(() -> {
                    assertAlive();
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    return r.statusCode() == 200 && r.body().contains("\"UP\"");
                });
        return this;
    }

    /** 等某个 TCP 端口开始监听（没有 HTTP 健康检查的场合）。 */
    public AppProcess awaitListening(int port) {
        await(name + " listening on :" + port + " (log " + log + ")").atMost(STARTUP).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    assertAlive();
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
        return this;
    }

    private void assertAlive() {
        if (!process.isAlive() && !stopping) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see " + log);
        }
    }

    /** 进程是否还在运行。 */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** 底层进程（故障注入测试用，例如直接 kill）。 */
    public Process process() {
        return process;
    }

    /** 日志文件。 */
    public Path log() {
        return log;
    }

    /** SIGTERM，15 秒内未退出则强杀。 */
    @Override
    public void close() {
        stopping = true;
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
