package com.acme.im.logic.support;

import org.junit.jupiter.api.Assertions;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * 以子进程启动真实的 repo-app（库 im_test、Redis 1 号库、关闭 etcd 注册），整个测试 JVM 共用一个实例。
 * 设置环境变量 IM_IT_REPO_ADDRESS 时直接使用已运行的 repo-app。
 */
public final class RepoAppProcess {

    private static String address;
    private static Process process;

    private RepoAppProcess() {
    }

    /** repo-app 的 host:port；jar 不存在时跳过测试并说明原因。 */
    public static synchronized String address() {
        if (address != null) {
            return address;
        }
        String external = System.getenv("IM_IT_REPO_ADDRESS");
        if (external != null && !external.isBlank()) {
            address = external;
            return address;
        }
        Path jar = Path.of(System.getProperty("user.dir")).resolveSibling("repo-app").resolve("target/repo-app-0.1.0-SNAPSHOT.jar");
        // 缺 jar 时失败而不是跳过：跳过会让没有真正运行的集成测试显示为通过
        Assertions.assertTrue(Files.exists(jar), "repo-app jar not built (mvn -pl repo-app package): " + jar);
        int grpcPort = freePort();
        int httpPort = freePort();
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dim.discovery.enabled=false",
                "-Dim.repo.password.bcrypt-cost=4",
                "-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("IM_GRPC_PORT", Integer.toString(grpcPort));
        pb.environment().put("IM_HTTP_PORT", Integer.toString(httpPort));
        pb.environment().put("IM_DB_URL", "jdbc:mariadb://127.0.0.1:3306/im_test");
        pb.environment().put("IM_REDIS_URI", "redis://127.0.0.1:6379/1");
        File log = Path.of(System.getProperty("user.dir"), "target", "repo-app-it.log").toFile();
        pb.redirectErrorStream(true).redirectOutput(log);
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start repo-app", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> process.destroy()));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("repo-app exited, see " + log);
            }
            return listening(grpcPort);
        });
        address = "127.0.0.1:" + grpcPort;
        return address;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
