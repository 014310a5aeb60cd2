package com.acme.im.system;

import com.acme.im.testsupport.AppProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * 端到端测试的被测系统：从各模块构建好的 jar 启动独立进程（与部署方式一致），
 * 一个 JVM 内只启动一次，进程退出时统一销毁。
 * 端口、数据库、Redis 库与 etcd 前缀都与开发环境错开，避免和正在运行的本地系统互相干扰。
 */
public final class SystemUnderTest {

    public static final int REPO_GRPC = 50061;
    public static final int LOGIC_GRPC = 50062;
    public static final int REPO_HTTP = 8181;
    public static final int LOGIC_HTTP = 8182;
    public static final int GATEWAY_A = 8183;
    public static final int GATEWAY_B = 8184;
    /** 网关的管理端口（健康检查与指标，只监听回环）；与开发环境网关的 9080 错开。 */
    public static final int GATEWAY_A_MANAGEMENT = 9183;
    public static final int GATEWAY_B_MANAGEMENT = 9184;
    public static final int INDEX_FUNCTION_HTTP = 8194;
    /** 推送函数的管理端口（只在用到推送的测试里按需启动）。 */
    public static final int PUSH_FUNCTION_HTTP = 8195;
    public static final String DISCOVERY_PREFIX = "/im-e2e/services";
    /** 端到端测试专用的 Redis 库。 */
    public static final int REDIS_DB = 2;
    /** 端到端测试专用的消息索引，与开发环境的 im-messages 分开。 */
    public static final String SEARCH_INDEX = "im-messages-e2e";
    /** 被测系统里发送者撤回消息的时间窗：默认 2 分钟太长，端到端测试要能测到“超过时间窗”（3004）。 */
    public static final java.time.Duration RECALL_WINDOW = java.time.Duration.ofSeconds(8);
    /**
     * 本测试 JVM 的 JWT 密钥（每次运行随机生成，显式传给每个进程）：敌意输入测试要用它签出
     * “签名正确但会话从未签发”之类的令牌；也不再依赖调用者环境里的 IM_JWT_SECRET 或开发默认值。
     */
    public static final String JWT_SECRET = "e2e-" + java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID();

    /**
     * 被测系统的首个管理员（repo-app 启动时按 im.repo.admin.bootstrap-* 创建）：im_test 库跨运行保留，
     * 所以用户名与密码每次运行都是新的（与 JWT 密钥一样随机），不存在公开的测试密码。
     */
    public static final String ADMIN_USERNAME = "e2e-admin-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    public static final String ADMIN_PASSWORD = "e2e-" + java.util.UUID.randomUUID();
    /** audit-function 的管理端口（只在用到它的测试里按需启动）。 */
    public static final int AUDIT_FUNCTION_HTTP = 8197;
    /** 本次运行的 audit-function 消费组：logic 的系统数字据此统计审核任务的积压。 */
    public static final String AUDIT_GROUP = "audit-function-e2e-" + System.currentTimeMillis();

    private static SystemUnderTest instance;

    private final Path root;
    private final Path logDir;
    private final List<AppProcess> processes = new ArrayList<>();
    private PushProviderStandIn pushProvider;

    private SystemUnderTest(Path root) {
        this.root = root;
        this.logDir = root.resolve("system-tests/target/e2e-logs");
    }

    /** 获取（必要时启动）共享的被测系统。 */
    public static synchronized SystemUnderTest get() {
        if (instance == null) {
            SystemUnderTest sut = new SystemUnderTest(AppProcess.repoRoot());
            Runtime.getRuntime().addShutdownHook(new Thread(sut::stop));
            try {
                sut.start();
            } catch (Exception e) {
                sut.stop();
                throw new IllegalStateException("system under test failed to start: " + e.getMessage(), e);
            }
            instance = sut;
        }
        return instance;
    }


    private Map<String, String> common() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("im.discovery.prefix", DISCOVERY_PREFIX);
        props.put("im.discovery.lookup-prefix", DISCOVERY_PREFIX);
        props.put("im.discovery.ttl-seconds", "5");
        props.put("im.auth.jwt-secret", JWT_SECRET);
        props.put("grpc.channels.repo-app.address", "etcd:///repo-app");
        props.put("grpc.channels.logic-app.address", "etcd:///logic-app");
        props.put("grpc.channels.repo-app.plaintext", "true");
        props.put("grpc.channels.logic-app.plaintext", "true");
        // 上行 Topic 与消费组与开发环境隔离：本机若同时运行着 scripts/system.sh 启动的系统，它不会消费测试消息
        props.put("im.gateway.upstream-topic", "im-upstream-topic-e2e");
        props.put("im.logic.upstream-topic", "im-upstream-topic-e2e");
        props.put("im.logic.upstream-group", "logic-app-e2e");
        // 对象存储（文件与图片消息）：infra.sh 的 S3Proxy 与本安装的访问密钥；logic 签 URL、audit-function 生成缩略图
        props.putAll(com.acme.im.testsupport.ObjectStorageSettings.properties());
        return props;
    }

    private void start() throws IOException {
        Files.createDirectories(logDir);
        Map<String, String> repo = common();
        repo.put("micronaut.server.port", String.valueOf(REPO_HTTP));
        repo.put("grpc.server.port", String.valueOf(REPO_GRPC));
        // IM_E2E_DB_URL / IM_E2E_REDIS_URI：im_test 被占用时换一个库（im 用户可用 im_test_* 库），缓存也要换到对应的空 Redis 库
        repo.put("datasources.default.url", System.getenv().getOrDefault("IM_E2E_DB_URL", "jdbc:mariadb://127.0.0.1:3306/im_test"));
        repo.put("redis.uri", System.getenv().getOrDefault("IM_E2E_REDIS_URI", "redis://127.0.0.1:6379/" + REDIS_DB));
        repo.put("im.repo.admin.bootstrap-username", ADMIN_USERNAME);
        repo.put("im.repo.admin.bootstrap-password", ADMIN_PASSWORD);
        launch("repo-app", "repo-app", repo).awaitReady(REPO_HTTP);

        Map<String, String> logic = common();
        logic.put("im.search.index", SEARCH_INDEX);
        logic.put("micronaut.server.port", String.valueOf(LOGIC_HTTP));
        logic.put("grpc.server.port", String.valueOf(LOGIC_GRPC));
        logic.put("im.logic.revision.recall-window", RECALL_WINDOW.toSeconds() + "s");
        logic.put("im.logic.admin.consumer-groups.audit", AUDIT_GROUP);
        AppProcess logicApp = launch("logic-app", "logic-app", logic);

        AppProcess gatewayA = launchGateway(GATEWAY_A, GATEWAY_A_MANAGEMENT);
        AppProcess gatewayB = launchGateway(GATEWAY_B, GATEWAY_B_MANAGEMENT);
        // 索引函数：独立消费组与独立索引，和本机可能在运行的开发环境互不干扰
        Map<String, String> index = common();
        index.put("micronaut.application.name", "index-function-e2e");
        // 每次运行一个新消费组并从末尾开始：不去追赶开发环境在共用 Kafka 上积压的索引任务
        index.put("im.task.consumer.group-id", "index-function-e2e-" + System.currentTimeMillis());
        index.put("im.task.consumer.auto-offset-reset", "latest");
        index.put("micronaut.server.port", String.valueOf(INDEX_FUNCTION_HTTP));
        index.put("im.discovery.prefix", "/im-e2e/functions");
        index.put("im.index.name", SEARCH_INDEX);
        AppProcess indexFunction = launch("task-functions/index-function", "index-function", index);
        logicApp.awaitReady(LOGIC_HTTP);
        indexFunction.awaitReady(INDEX_FUNCTION_HTTP);
        gatewayA.awaitReady(GATEWAY_A_MANAGEMENT);
        gatewayB.awaitReady(GATEWAY_B_MANAGEMENT);
    }

    /**
     * 启动一个网关进程（公网端口 port，管理端口 managementPort），不等它就绪。
     * 返回该进程：测试可以自己停它（停机测试）；没停的在 {@link #stop()} 时一并停掉。
     */
    public synchronized AppProcess launchGateway(int port, int managementPort) {
        return launchGateway(port, managementPort, Map.of());
    }

    /** 同上，overrides 最后写入、覆盖默认的测试取值（例如恢复默认的限流参数）。 */
    public synchronized AppProcess launchGateway(int port, int managementPort, Map<String, String> overrides) {
        Map<String, String> gw = common();
        gw.put("micronaut.server.port", String.valueOf(port));
        gw.put("endpoints.all.port", String.valueOf(managementPort));
        gw.put("im.gateway.id", "e2e-" + port);
        // 顺序与完整性测试需要单个用户快速连发 1,000 条：放宽该测试系统的发送速率限制
        gw.put("im.gateway.send-rate-per-second", "5000");
        gw.put("im.gateway.send-burst", "5000");
        gw.put("im.gateway.max-pending-frames", "5000");
        gw.putAll(overrides);
        return launch("gateway-app", "gateway-app-" + port, gw);
    }

    private synchronized AppProcess launch(String module, String name, Map<String, String> props) {
        AppProcess app = AppProcess.start(module, logDir.resolve(name + ".log"), props, Map.of("IM_LOG_LEVEL", "INFO"));
        processes.add(app);
        return app;
    }

    /**
     * 推送链路（按需启动，不拖慢不需要它的测试）：本地推送服务替身 + push-function 进程，
     * 等到任务消费者分到分区后才返回——消费组从末尾开始读，分配前发布的推送任务会被跳过。
     */
    public synchronized PushProviderStandIn pushProvider() {
        if (pushProvider != null) {
            return pushProvider;
        }
        PushProviderStandIn standIn = PushProviderStandIn.start();
        Map<String, String> push = common();
        push.put("micronaut.application.name", "push-function-e2e");
        // 每次运行一个新消费组并从末尾开始：不去追赶开发环境在共用 Kafka 上积压的推送任务
        push.put("im.task.consumer.group-id", "push-function-e2e-" + System.currentTimeMillis());
        push.put("im.task.consumer.auto-offset-reset", "latest");
        push.put("micronaut.server.port", String.valueOf(PUSH_FUNCTION_HTTP));
        push.put("im.discovery.prefix", "/im-e2e/functions");
        push.put("im.push.provider-url", standIn.url());
        push.put("im.push.timeout", "2s");
        AppProcess app = launch("task-functions/push-function", "push-function", push);
        try {
            app.awaitReady(PUSH_FUNCTION_HTTP);
            URI health = URI.create("http://127.0.0.1:" + PUSH_FUNCTION_HTTP + "/health");
            Pattern assigned = Pattern.compile("\"assignedPartitions\"\\s*:\\s*[1-9]");
            await("push-function partitions assigned").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .ignoreExceptions()
                    .until(() -> assigned.matcher(ImClient.HTTP.send(HttpRequest.newBuilder(health).build(),
                            HttpResponse.BodyHandlers.ofString()).body()).find());
        } catch (RuntimeException e) {
            standIn.close();
            throw e;
        }
        pushProvider = standIn;
        return standIn;
    }

    private AppProcess auditFunction;

    /**
     * 审核链路（按需启动）：audit-function 进程，运行时敏感词表每秒核对一次版本；等到任务消费者分到分区后才返回
     * （消费组从末尾开始读，分配前发布的审核任务会被跳过）。
     */
    public synchronized void auditFunction() {
        if (auditFunction != null) {
            return;
        }
        Map<String, String> audit = common();
        audit.put("micronaut.application.name", "audit-function-e2e");
        audit.put("im.task.consumer.group-id", AUDIT_GROUP);
        audit.put("im.task.consumer.auto-offset-reset", "latest");
        audit.put("micronaut.server.port", String.valueOf(AUDIT_FUNCTION_HTTP));
        audit.put("im.discovery.prefix", "/im-e2e/functions");
        audit.put("im.audit.reload-interval", "1s");
        AppProcess app = launch("task-functions/audit-function", "audit-function", audit);
        app.awaitReady(AUDIT_FUNCTION_HTTP);
        URI health = URI.create("http://127.0.0.1:" + AUDIT_FUNCTION_HTTP + "/health");
        Pattern assigned = Pattern.compile("\"assignedPartitions\"\\s*:\\s*[1-9]");
        await("audit-function partitions assigned").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .ignoreExceptions()
                .until(() -> assigned.matcher(ImClient.HTTP.send(HttpRequest.newBuilder(health).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).find());
        auditFunction = app;
    }

    /** 停止全部进程。 */
    public synchronized void stop() {
        processes.forEach(AppProcess::close);
        processes.clear();
        auditFunction = null;
        if (pushProvider != null) {
            pushProvider.close();
            pushProvider = null;
        }
    }

    public String gatewayUrl(int port) {
        return "http://127.0.0.1:" + port;
    }
}
