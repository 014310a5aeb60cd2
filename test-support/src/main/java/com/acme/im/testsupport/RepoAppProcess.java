package com.acme.im.testsupport;

import java.nio.file.Path;
import java.util.Map;

/**
 * 整个测试 JVM 共用的一个真实 repo-app（库 im_test、Redis 1 号库、不注册 etcd）。
 * 设置环境变量 IM_IT_REPO_ADDRESS 时直接使用已运行的 repo-app。
 */
public final class RepoAppProcess {

    private static String address;

    /**
     * 本测试 JVM 的 repo-app 启动时创建的管理员（每次运行新的用户名与密码：im_test 跨运行保留，没有公开的测试密码）。
     * 使用外部 repo-app（IM_IT_REPO_ADDRESS）时取 IM_IT_ADMIN_USERNAME / IM_IT_ADMIN_PASSWORD。
     */
    public static final String ADMIN_USERNAME = envOr("IM_IT_ADMIN_USERNAME",
            "it-admin-" + java.util.UUID.randomUUID().toString().substring(0, 8));
    public static final String ADMIN_PASSWORD = envOr("IM_IT_ADMIN_PASSWORD", "it-" + java.util.UUID.randomUUID());

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

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
                        "redis.uri", "redis://127.0.0.1:6379/1",
                        "im.repo.admin.bootstrap-username", ADMIN_USERNAME,
                        "im.repo.admin.bootstrap-password", ADMIN_PASSWORD))
                .awaitReady(httpPort);
        address = "127.0.0.1:" + grpcPort;
        return address;
    }
}
