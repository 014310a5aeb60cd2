package com.acme.im.audit;

import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.event.v1.AuditTask;
import com.acme.im.proto.event.v1.DownstreamBatch;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.TaskMessage;
import com.acme.im.proto.repo.v1.AuditHit;
import com.acme.im.proto.repo.v1.AuditServiceGrpc;
import com.acme.im.proto.repo.v1.CreateGroupRequest;
import com.acme.im.proto.repo.v1.CreateUserRequest;
import com.acme.im.proto.repo.v1.GetMessageRequest;
import com.acme.im.proto.repo.v1.GroupServiceGrpc;
import com.acme.im.proto.repo.v1.ListAuditHitsRequest;
import com.acme.im.proto.repo.v1.MessageServiceGrpc;
import com.acme.im.proto.repo.v1.OnlineStatusServiceGrpc;
import com.acme.im.proto.repo.v1.SaveMessageRequest;
import com.acme.im.proto.repo.v1.SetUserOnlineRequest;
import com.acme.im.proto.repo.v1.UserServiceGrpc;
import com.acme.im.runtime.kafka.Topics;
import com.acme.im.testsupport.RepoAppProcess;
import com.acme.im.runtime.kafka.TaskTypes;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * 审核集成测试的共用场景：真实 repo-app 中两个用户的群，bob 在线于一个测试网关；
 * 经 repo 保存消息后把审核任务发到 Kafka，并读取该测试网关的下行 Topic。
 */
final class AuditScenario implements AutoCloseable {

    static final String BOOTSTRAP = System.getenv().getOrDefault("IM_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    final String runId = UUID.randomUUID().toString().substring(0, 8);
    final String gateway = "audit-it-" + runId;
    final List<DownstreamDelivery> downstream = new CopyOnWriteArrayList<>();
    final ManagedChannel channel = ManagedChannelBuilder.forTarget(RepoAppProcess.address()).usePlaintext().build();
    final KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP),
            new ByteArraySerializer(), new ByteArraySerializer());
    final long alice;
    final long bob;
    final String conversationId;
    private volatile boolean running = true;
    private final Thread reader;

    AuditScenario() throws Exception {
        UserServiceGrpc.UserServiceBlockingStub users = UserServiceGrpc.newBlockingStub(channel);
        alice = users.createUser(CreateUserRequest.newBuilder().setUsername("aa" + runId).setPassword("audit-secret-1").build()).getUser().getId();
        bob = users.createUser(CreateUserRequest.newBuilder().setUsername("ab" + runId).setPassword("audit-secret-1").build()).getUser().getId();
        conversationId = GroupServiceGrpc.newBlockingStub(channel).createGroup(CreateGroupRequest.newBuilder()
                .setName("audit-" + runId).setOwnerId(alice).addMemberIds(bob).build()).getGroup().getConversationId();
        OnlineStatusServiceGrpc.newBlockingStub(channel).setUserOnline(SetUserOnlineRequest.newBuilder()
                .setUserId(bob).setGatewayId(gateway).setConnectionId("bob-phone").build());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(Topics.downstream(gateway), 1, (short) 1))).all().get();
        }
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ConsumerConfig.GROUP_ID_CONFIG, "audit-gw-" + runId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.downstream(gateway)));
        reader = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        try {
                            // 记录值是 DownstreamBatch（每网关每批一条），逐个投递收集
                            downstream.addAll(DownstreamBatch.parseFrom(r.value()).getDeliveriesList());
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            }
        });
        reader.start();
    }

    /** alice 发一条消息（经 repo 保存），并把它的审核任务发出。 */
    Message sendAndAudit(String content) throws Exception {
        Message m = sendWithoutAudit(content);
        audit(m);
        return m;
    }

    /** alice 发一条消息（经 repo 保存），审核任务由测试自己决定何时发。 */
    Message sendWithoutAudit(String content) {
        return MessageServiceGrpc.newBlockingStub(channel).saveMessage(SaveMessageRequest.newBuilder()
                .setConversationId(conversationId).setSenderId(alice).setType(MessageType.MESSAGE_TYPE_TEXT)
                .setContent(content).setClientMsgId(UUID.randomUUID().toString()).build()).getMessage();
    }

    void audit(Message m) throws Exception {
        TaskMessage task = TaskMessage.newBuilder().setTaskType(TaskTypes.AUDIT)
                .setTaskId("audit:" + m.getId() + (m.getEditedAt() == 0 ? "" : ":edit:" + m.getEditedAt()))
                .setAudit(AuditTask.newBuilder().setMessage(m)).build();
        producer.send(new ProducerRecord<>(Topics.task(TaskTypes.AUDIT), conversationId.getBytes(StandardCharsets.UTF_8),
                task.toByteArray())).get();
    }

    List<AuditHit> hits() {
        return AuditServiceGrpc.newBlockingStub(channel).listAuditHits(ListAuditHitsRequest.newBuilder()
                .setConversationId(conversationId).setLimit(50).build()).getHitsList();
    }

    String storedContent(long messageId) {
        return MessageServiceGrpc.newBlockingStub(channel).getMessage(GetMessageRequest.newBuilder().setMessageId(messageId).build())
                .getMessage().getContent();
    }

    @Override
    public void close() throws Exception {
        running = false;
        reader.join();
        producer.close();
        channel.shutdownNow();
    }
}
