package com.acme.im.testsupport;

import java.nio.file.Path;
import java.util.Map;

/**
 * 整个测试 JVM 共用的一个真实 repo-app（库 im_test、Redis 1 号库、不注册 etcd）。
 * 设置环境变量 IM_IT_REPO_ADDRESS 时直接使用已运行的 repo-app。
 */
public final class RepoAppProcess {

    private static String address;

    private RepoAppProcess() {
    }

    /** repo-app 的 gRPC host:port，必要时先启动它。 */
    public static synchronized String address() {
        if (address != null) {
            return address;
        }
        String external = System.getenv("IM_IT_REPO_ADDRESS");
        if (external != null && !external.isBlank()) {
            address = external;
            return address;
        }
        int grpcPort = TestPorts.free();
        int httpPort = TestPorts.free();
        AppProcess.start("repo-app", Path.of("target", "repo-app-it.log"), Map.of(
                        "im.discovery.enabled", "false",
                        "im.repo.password.bcrypt-cost", "4",
                        "grpc.server.port", Integer.toString(grpcPort),
                        "micronaut.server.port", Integer.toString(httpPort),
                        "datasources.default.url", "jdbc:mariadb://127.0.0.1:3306/im_test",
                        "redis.uri", "redis://127.0.0.1:6379/1"))
                .awaitReady(httpPort);
        address = "127.0.0.1:" + grpcPort;
        return address;
    }
}
