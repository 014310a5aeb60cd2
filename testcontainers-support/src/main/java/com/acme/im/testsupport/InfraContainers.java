package com.acme.im.testsupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.testcontainers.containers.FixedHostPortGenericContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * -Ptestcontainers 时每个测试 JVM 启动前执行（JUnit LauncherSessionListener，经 META-INF/services 注册）：
 * 以 Testcontainers 在测试期望的固定端口上启动 Kafka 9092、MariaDB 3306、Redis 6379、etcd 2379、Elasticsearch 9200，
 * 端口、库名、账号、Topic 与 scripts/infra.sh、localstack-compose.yml 相同，所以测试代码不用改。
 * 这些端口上已经有服务（infra.sh 或 -Pdocker-infra 起的）时什么也不做；会话结束时停掉自己起的容器，
 * 下一个模块的测试 JVM 再起新的（设置 testcontainers.reuse.enable=true 时保留复用）。
 */
public class InfraContainers implements LauncherSessionListener {

    // 与 localstack-compose.yml 中相同的镜像
    static final String KAFKA_IMAGE = System.getProperty("im.tc.kafka.image", "apache/kafka:4.1.2");
    static final String MARIADB_IMAGE = System.getProperty("im.tc.mariadb.image", "mariadb:10.11");
    static final String REDIS_IMAGE = System.getProperty("im.tc.redis.image", "redis:7");
    static final String ETCD_IMAGE = System.getProperty("im.tc.etcd.image", "quay.io/coreos/etcd:v3.4.35");
    static final String ES_IMAGE = System.getProperty("im.tc.elasticsearch.image", "docker.elastic.co/elasticsearch/elasticsearch:8.19.5");

    private static final Map<String, Integer> PORTS = new LinkedHashMap<>();

    static {
        PORTS.put("kafka", 9092);
        PORTS.put("mariadb", 3306);
        PORTS.put("redis", 6379);
        PORTS.put("etcd", 2379);
        PORTS.put("elasticsearch", 9200);
    }

    private final List<GenericContainer<?>> started = new ArrayList<>();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (PORTS.values().stream().allMatch(InfraContainers::listening)) {
            log("infrastructure already listening on " + PORTS + ", not starting containers");
            return;
        }
        Path root = repositoryRoot();
        boolean reuse = Boolean.parseBoolean(System.getProperty("im.tc.reuse", "false"));
        if (!listening(PORTS.get("kafka"))) {
            start(kafka(), reuse);
            createTopics(root);
        }
        if (!listening(PORTS.get("mariadb"))) {
            start(mariadb(root), reuse);
        }
        if (!listening(PORTS.get("redis"))) {
            start(redis(), reuse);
        }
        if (!listening(PORTS.get("etcd"))) {
            start(etcd(), reuse);
        }
        if (!listening(PORTS.get("elasticsearch"))) {
            start(elasticsearch(), reuse);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        // 同步停掉，端口在下一个测试 JVM 启动前释放
        for (GenericContainer<?> c : started) {
            if (!c.isShouldBeReused()) {
                c.stop();
            }
        }
        started.clear();
    }

    private void start(GenericContainer<?> container, boolean reuse) {
        container.withReuse(reuse);
        log("starting " + container.getDockerImageName());
        container.start();
        started.add(container);
    }

    @SuppressWarnings("deprecation") // 固定端口正是目的：测试连的是 127.0.0.1 上的固定端口
    private static FixedHostPortGenericContainer<?> fixed(String image, int port) {
        return new FixedHostPortGenericContainer<>(image).withFixedExposedPort(port, port);
    }

    static GenericContainer<?> kafka() {
        return fixed(KAFKA_IMAGE, 9092)
                .withEnv("CLUSTER_ID", "4dooMGJiFind1a61jDTZJA")
                .withEnv("KAFKA_NODE_ID", "1")
                .withEnv("KAFKA_PROCESS_ROLES", "broker,controller")
                .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093")
                .withEnv("KAFKA_LISTENERS", "PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093")
                .withEnv("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://127.0.0.1:9092")
                .withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT")
                .withEnv("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
                .withEnv("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT")
                .withEnv("KAFKA_NUM_PARTITIONS", "6")
                .withEnv("KAFKA_DEFAULT_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_MIN_INSYNC_REPLICAS", "1")
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_LOG_CLEANER_DEDUPE_BUFFER_SIZE", "8388608")
                .withEnv("KAFKA_HEAP_OPTS", "-Xms256m -Xmx256m")
                .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofMinutes(2)));
    }

    static GenericContainer<?> mariadb(Path root) {
        return fixed(MARIADB_IMAGE, 3306)
                .withEnv("MARIADB_DATABASE", "im")
                .withEnv("MARIADB_USER", "im")
                .withEnv("MARIADB_PASSWORD", "im")
                .withEnv("MARIADB_ROOT_PASSWORD", "root")
                .withCopyFileToContainer(MountableFile.forHostPath(root.resolve("scripts/infra/mariadb/init-im-test.sql")),
                        "/docker-entrypoint-initdb.d/10-im-test.sql")
                .withCommand("--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
                        "--max-connections=500", "--innodb-buffer-pool-size=256M", "--innodb-flush-log-at-trx-commit=2")
                // 初始化时会先起一次临时服务器，第二次 ready 才是正式的
                .waitingFor(Wait.forLogMessage(".*ready for connections.*", 2).withStartupTimeout(Duration.ofMinutes(3)));
    }

    static GenericContainer<?> redis() {
        return fixed(REDIS_IMAGE, 6379)
                .withCommand("redis-server", "--save", "", "--appendonly", "no")
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1));
    }

    static GenericContainer<?> etcd() {
        return fixed(ETCD_IMAGE, 2379)
                .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("/usr/local/bin/etcd"))
                .withEnv("ETCD_NAME", "im-etcd")
                .withEnv("ETCD_DATA_DIR", "/etcd-data")
                .withEnv("ETCD_LISTEN_CLIENT_URLS", "http://0.0.0.0:2379")
                .withEnv("ETCD_ADVERTISE_CLIENT_URLS", "http://127.0.0.1:2379")
                .withEnv("ETCD_LISTEN_PEER_URLS", "http://0.0.0.0:2380")
                .withEnv("ETCD_INITIAL_ADVERTISE_PEER_URLS", "http://127.0.0.1:2380")
                .withEnv("ETCD_INITIAL_CLUSTER", "im-etcd=http://127.0.0.1:2380")
                .withEnv("ETCD_INITIAL_CLUSTER_STATE", "new")
                .withEnv("ETCD_INITIAL_CLUSTER_TOKEN", "im-etcd-local")
                .waitingFor(Wait.forHttp("/health").forPort(2379).forStatusCode(200));
    }

    static GenericContainer<?> elasticsearch() {
        return fixed(ES_IMAGE, 9200)
                .withEnv("cluster.name", "im-es")
                .withEnv("node.name", "im-es-1")
                .withEnv("discovery.type", "single-node")
                .withEnv("xpack.security.enabled", "false")
                .withEnv("cluster.routing.allocation.disk.threshold_enabled", "false")
                .withEnv("action.destructive_requires_name", "false")
                .withEnv("ES_JAVA_OPTS", "-Xms256m -Xmx256m")
                .waitingFor(Wait.forHttp("/_cluster/health?wait_for_status=yellow&timeout=1s").forPort(9200)
                        .forStatusCode(200).withStartupTimeout(Duration.ofMinutes(3)));
    }

    /** 与 scripts/infra.sh 相同的 Topic（从它的 KAFKA_TOPICS 读取，只有一份清单）。 */
    static Map<String, Integer> topics(Path root) {
        Map<String, Integer> topics = new LinkedHashMap<>();
        try {
            Matcher m = Pattern.compile("^\\s*\"([a-z0-9._-]+):(\\d+)\"\\s*$", Pattern.MULTILINE)
                    .matcher(Files.readString(root.resolve("scripts/infra.sh")));
            while (m.find()) {
                topics.put(m.group(1), Integer.parseInt(m.group(2)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read scripts/infra.sh", e);
        }
        if (topics.isEmpty()) {
            throw new IllegalStateException("no KAFKA_TOPICS entries found in scripts/infra.sh");
        }
        return topics;
    }

    private static void createTopics(Path root) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        try (Admin admin = Admin.create(p)) {
            for (Map.Entry<String, Integer> t : topics(root).entrySet()) {
                try {
                    admin.createTopics(List.of(new NewTopic(t.getKey(), t.getValue(), (short) 1))).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + t.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics", e);
        }
    }

    /** 测试 JVM 的工作目录是模块目录：向上找到含 scripts/infra.sh 的仓库根。 */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("scripts/infra.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("repository root (with scripts/infra.sh) not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void log(String message) {
        System.out.println("[testcontainers-support] " + message);
    }
}
