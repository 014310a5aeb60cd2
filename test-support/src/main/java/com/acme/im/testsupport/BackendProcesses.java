package com.acme.im.testsupport;

import java.nio.file.Path;
import java.util.Map;

/**
 * 网关测试背后的一对真实 repo-app 与 logic-app 子进程（im_test 库、不注册 etcd、端口由 {@link TestPorts} 分配）。
 * 每个测试类用自己的 Redis 库、上行 Topic 与消费组：不与同机运行的其他 logic 分摊分区，
 * 也不必先追完开发环境（基准、故障注入）在共用 Kafka 的默认上行 Topic 上积压的记录。
 * Topic 由 broker 按需创建（scripts/infra.sh 打开了 auto.create.topics.enable，6 个分区）。
 */
public final class BackendProcesses implements AutoCloseable {

    private final AppProcess repo;
    private final AppProcess logic;
    private final int repoGrpc;
    private final int logicGrpc;
    private final String upstreamTopic;

    private BackendProcesses(AppProcess repo, AppProcess logic, int repoGrpc, int logicGrpc, String upstreamTopic) {
        this.repo = repo;
        this.logic = logic;
        this.repoGrpc = repoGrpc;
        this.logicGrpc = logicGrpc;
        this.upstreamTopic = upstreamTopic;
    }

    /** 启动并等两者就绪；日志在 target/{name}-logs。 */
    public static BackendProcesses start(String name, int redisDb, String upstreamGroup) {
        Path logs = Path.of("target", name + "-logs");
        int repoHttp = TestPorts.free();
        int repoGrpc = TestPorts.free();
        AppProcess repo = AppProcess.start("repo-app", logs.resolve("repo-app.log"), Map.of(
                "micronaut.server.port", String.valueOf(repoHttp),
                "grpc.server.port", String.valueOf(repoGrpc),
                "datasources.default.url", "jdbc:mariadb://127.0.0.1:3306/im_test",
                "redis.uri", "redis://127.0.0.1:6379/" + redisDb,
                "im.discovery.enabled", "false"));
        repo.awaitReady(repoHttp);
        String upstreamTopic = "im-upstream-it-" + name + "-" + Long.toString(System.nanoTime(), 36);
        int logicHttp = TestPorts.free();
        int logicGrpc = TestPorts.free();
        AppProcess logic = AppProcess.start("logic-app", logs.resolve("logic-app.log"), Map.of(
                "micronaut.server.port", String.valueOf(logicHttp),
                "grpc.server.port", String.valueOf(logicGrpc),
                "grpc.channels.repo-app.address", "127.0.0.1:" + repoGrpc,
                "kafka.bootstrap.servers", "127.0.0.1:9092",
                "im.logic.upstream-topic", upstreamTopic,
                "im.logic.upstream-group", upstreamGroup,
                "im.discovery.enabled", "false"));
        try {
            logic.awaitReady(logicHttp);
        } catch (RuntimeException e) {
            logic.close();
            repo.close();
            throw e;
        }
        return new BackendProcesses(repo, logic, repoGrpc, logicGrpc, upstreamTopic);
    }

    /** repo-app 的 gRPC host:port。 */
    public String repoAddress() {
        return "127.0.0.1:" + repoGrpc;
    }

    /** logic-app 的 gRPC host:port。 */
    public String logicAddress() {
        return "127.0.0.1:" + logicGrpc;
    }

    /** 本实例 logic 消费的上行 Topic：测试里的网关要把 im.gateway.upstream-topic 设成它。 */
    public String upstreamTopic() {
        return upstreamTopic;
    }

    @Override
    public void close() {
        logic.close();
        repo.close();
    }
}
