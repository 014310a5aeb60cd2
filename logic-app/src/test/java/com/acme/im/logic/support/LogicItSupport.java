package com.acme.im.logic.support;

import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.testsupport.RepoAppProcess;
import com.acme.im.proto.event.v1.UpstreamMessage;
import com.acme.im.proto.logic.v1.AuthServiceGrpc;
import com.acme.im.proto.logic.v1.ConversationServiceGrpc;
import com.acme.im.proto.logic.v1.GroupServiceGrpc;
import com.acme.im.proto.logic.v1.PresenceServiceGrpc;
import com.acme.im.proto.logic.v1.RegisterRequest;
import com.acme.im.proto.logic.v1.RegisterResponse;
import com.acme.im.proto.logic.v1.ReportConnectionRequest;
import com.acme.im.runtime.error.GrpcErrors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micronaut.configuration.kafka.ConsumerRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * 集成测试的公共部分：真实 Kafka、子进程 repo-app、经 gRPC 调用被测的 logic-app。
 * 每个测试类用独立的上行消费组（从最新位置开始），等分区分配完成后才开始发消息。
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LogicItSupport implements TestPropertyProvider {

    /** 本次运行的唯一后缀，用户名与网关 ID 都带上它，测试之间互不干扰。 */
    protected final String run = Long.toString(System.currentTimeMillis() % 10_000_000, 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(1296), 36);
    private final String group = "logic-it-" + UUID.randomUUID();
    /** 独立的上行 Topic：同机可能还运行着其他 logic-app（如基准环境），它们不应处理测试的消息。 */
    protected final String upstreamTopic = "im-upstream-it-" + run;

    @Inject
    protected ApplicationContext context;

    protected ManagedChannel channel;
    protected KafkaProducer<String, byte[]> producer;

    @Override
    public Map<String, String> getProperties() {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(upstreamTopic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + upstreamTopic, e);
        }
        return Map.of(
                "im.logic.upstream-topic", upstreamTopic,
                "grpc.channels.repo-app.address", RepoAppProcess.address(),
                "grpc.channels.repo-app.plaintext", "true",
                "im.logic.upstream-group", group,
                "kafka.consumers." + group + ".auto.offset.reset", "latest");
    }

    @BeforeAll
    void connect() {
        int port = context.getBean(GrpcEmbeddedServer.class).getPort();
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        int partitions = producer.partitionsFor(upstreamTopic).size();
        ConsumerRegistry registry = context.getBean(ConsumerRegistry.class);
        // 消费组从最新位置开始：必须等全部上行分区都分配给本应用后再发消息，否则会错过
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Set<TopicPartition> assigned = new HashSet<>();
            for (String id : registry.getConsumerIds()) {
                try {
                    assigned.addAll(registry.getConsumerAssignment(id));
                } catch (RuntimeException notYet) {
                    return false;
                }
            }
            return assigned.size() == partitions;
        });
    }

    @AfterAll
    void disconnect() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (producer != null) {
            producer.close();
        }
    }

    protected AuthServiceGrpc.AuthServiceBlockingStub auth() {
        return AuthServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    protected ConversationServiceGrpc.ConversationServiceBlockingStub conversations() {
        return ConversationServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    protected GroupServiceGrpc.GroupServiceBlockingStub groups() {
        return GroupServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    protected PresenceServiceGrpc.PresenceServiceBlockingStub presence() {
        return PresenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /** 注册一个唯一用户名的用户。 */
    protected RegisterResponse register(String name) {
        return auth().register(RegisterRequest.newBuilder()
                .setUsername(name + "_" + run).setPassword("correct-horse-battery").setNickname(name).build());
    }

    /** 网关报告一个连接上线。 */
    protected void connect(long userId, String gatewayId, String connectionId) {
        presence().reportConnected(ReportConnectionRequest.newBuilder()
                .setUserId(userId).setGatewayId(gatewayId).setConnectionId(connectionId).build());
    }

    /** 像网关一样发布一条上行消息（键为会话 ID，带追踪头）。 */
    protected void sendUpstream(UpstreamMessage m) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(upstreamTopic, m.getConversationId(), m.toByteArray());
        record.headers().add("x-trace-id", m.getTraceId().getBytes(StandardCharsets.UTF_8));
        producer.send(record);
        producer.flush();
    }

    /** 发送原始字节（格式错误的记录）。 */
    protected void sendRaw(String key, byte[] value) {
        producer.send(new ProducerRecord<>(upstreamTopic, key, value));
        producer.flush();
    }

    protected static UpstreamMessage text(long userId, String gatewayId, String connectionId, String conversationId,
                                          String clientMsgId, String content) {
        return UpstreamMessage.newBuilder()
                .setTraceId(UUID.randomUUID().toString().replace("-", ""))
                .setUserId(userId).setGatewayId(gatewayId).setConnectionId(connectionId)
                .setConversationId(conversationId).setType(MessageType.MESSAGE_TYPE_TEXT)
                .setContent(content).setClientMsgId(clientMsgId).setTimestamp(System.currentTimeMillis())
                .build();
    }

    /** 断言 gRPC 调用以指定业务错误码失败。 */
    protected static int errorCodeOf(Executable call) {
        return GrpcErrors.fromThrowable(assertThrows(Exception.class, call)).code();
    }

    protected static String single(long a, long b) {
        return "s_" + Math.min(a, b) + "_" + Math.max(a, b);
    }
}
