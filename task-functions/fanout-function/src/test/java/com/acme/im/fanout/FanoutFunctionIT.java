package com.acme.im.fanout;

import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.event.v1.DeliveryTarget;
import com.acme.im.proto.event.v1.DownstreamBatch;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.FanoutTask;
import com.acme.im.proto.event.v1.TaskMessage;
import com.acme.im.proto.repo.v1.AddGroupMembersRequest;
import com.acme.im.proto.repo.v1.CreateGroupRequest;
import com.acme.im.proto.repo.v1.CreateUserRequest;
import com.acme.im.proto.repo.v1.GroupServiceGrpc;
import com.acme.im.proto.repo.v1.OnlineStatusServiceGrpc;
import com.acme.im.proto.repo.v1.SetUserOnlineRequest;
import com.acme.im.proto.repo.v1.UserServiceGrpc;
import com.acme.im.runtime.kafka.Topics;
import com.acme.im.testsupport.RepoAppProcess;
import com.acme.im.runtime.kafka.TaskTypes;
import com.acme.im.task.kafka.TaskConsumerRunner;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 5000 人的群、2000 人在线分布在两个网关（其中一部分用户在两个网关上各有一台设备）：
 * 经真实 Kafka 与 repo-app 扩散后，每个在线设备所在网关恰好收到一次该用户的目标，离线成员不被投递，
 * 发送者只排除发送连接。下行记录按网关读出 DownstreamBatch 后逐个投递计数。同时给出扩散耗时与每秒投递数。
 */
@MicronautTest(environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FanoutFunctionIT implements TestPropertyProvider {

    static final String BOOTSTRAP = System.getenv().getOrDefault("IM_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    static final int MEMBERS = Integer.getInteger("fanout.members", 5000);
    static final int ONLINE = Integer.getInteger("fanout.online", 2000);
    /** 在两个网关上都有设备的在线用户数。 */
    static final int TWO_DEVICES = 100;

    final String runId = UUID.randomUUID().toString().substring(0, 8);
    final String gatewayA = "fanout-it-a-" + runId;
    final String gatewayB = "fanout-it-b-" + runId;
    final Map<String, List<DeliveryTarget>> received = new ConcurrentHashMap<>();
    final AtomicLong firstReceivedAt = new AtomicLong();
    final AtomicLong lastReceivedAt = new AtomicLong();
    /** 收集线程发现的格式问题，在测试线程断言。 */
    final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
    final AtomicLong deliveryCreatedAtMax = new AtomicLong();
    volatile boolean collecting = true;
    Thread collector;
    String repoAddress;
    ManagedChannel channel;

    @Inject
    TaskConsumerRunner runner;

    @Override
    public Map<String, String> getProperties() {
        repoAddress = RepoAppProcess.address();
        return Map.of("grpc.channels.repo-app.address", repoAddress,
                "im.task.consumer.group-id", "fanout-function-it-" + runId);
    }

    @AfterAll
    void close() throws Exception {
        collecting = false;
        if (collector != null) {
            collector.join();
        }
        if (channel != null) {
            channel.shutdownNow();
        }
    }

    @Test
    void everyOnlineDeviceGetsTheMessageExactlyOnce() throws Exception {
        channel = ManagedChannelBuilder.forTarget(repoAddress).usePlaintext().build();
        UserServiceGrpc.UserServiceBlockingStub users = UserServiceGrpc.newBlockingStub(channel);
        GroupServiceGrpc.GroupServiceBlockingStub groups = GroupServiceGrpc.newBlockingStub(channel);
        OnlineStatusServiceGrpc.OnlineStatusServiceBlockingStub presence = OnlineStatusServiceGrpc.newBlockingStub(channel);

        // 准备：5000 个用户、一个群、2000 人在线
        List<Long> ids = createUsers(users);
        long owner = ids.get(0);
        long groupId = groups.createGroup(CreateGroupRequest.newBuilder().setName("fanout-" + runId).setOwnerId(owner).build())
                .getGroup().getId();
        for (int i = 1; i < ids.size(); i += 500) {
            groups.addGroupMembers(AddGroupMembersRequest.newBuilder().setGroupId(groupId)
                    .addAllUserIds(ids.subList(i, Math.min(ids.size(), i + 500))).build());
        }
        // 在线：每隔一个取一个（覆盖各分页），前 TWO_DEVICES 个在两个网关上各一台设备
        Map<String, Set<Long>> expected = new HashMap<>(Map.of(gatewayA, new HashSet<>(), gatewayB, new HashSet<>()));
        List<Long> online = new ArrayList<>();
        for (int i = 0; i < ids.size() && online.size() < ONLINE; i += Math.max(1, ids.size() / ONLINE)) {
            online.add(ids.get(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < online.size(); i++) {
            long user = online.get(i);
            String gw = i % 2 == 0 ? gatewayA : gatewayB;
            expected.get(gw).add(user);
            futures.add(pool.submit(() -> presence.setUserOnline(SetUserOnlineRequest.newBuilder()
                    .setUserId(user).setGatewayId(gw).setConnectionId("c-" + user).build())));
            if (i < TWO_DEVICES) {
                String other = gw.equals(gatewayA) ? gatewayB : gatewayA;
                expected.get(other).add(user);
                futures.add(pool.submit(() -> presence.setUserOnline(SetUserOnlineRequest.newBuilder()
                        .setUserId(user).setGatewayId(other).setConnectionId("d-" + user).build())));
            }
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        int expectedTargets = expected.get(gatewayA).size() + expected.get(gatewayB).size();

        startCollector();
        await().atMost(Duration.ofSeconds(30)).until(() -> runner.assignedPartitions() > 0);

        // 发送者是在线的群主，从网关 A 的连接 c-{owner} 发出
        Message message = Message.newBuilder().setId(System.nanoTime()).setConversationId("g_" + groupId).setSenderId(owner)
                .setType(MessageType.MESSAGE_TYPE_TEXT).setContent("全员通知 fanout " + runId).setSeq(1)
                .setCreatedAt(System.currentTimeMillis()).build();
        TaskMessage task = TaskMessage.newBuilder().setTaskType(TaskTypes.FANOUT).setTaskId("fanout:" + message.getId())
                .setTraceId("fanout-it-" + runId).setCreatedAt(System.currentTimeMillis())
                .setFanout(FanoutTask.newBuilder().setGroupId(groupId).setConversationId("g_" + groupId)
                        .setMessage(message).setSenderConnectionId("c-" + owner)).build();
        long sentAt;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            sentAt = System.currentTimeMillis();
            producer.send(new ProducerRecord<>(Topics.task(TaskTypes.FANOUT), message.getConversationId().getBytes(StandardCharsets.UTF_8),
                    task.toByteArray())).get();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> targetCount() >= expectedTargets);
        long elapsed = lastReceivedAt.get() - sentAt;
        long first = firstReceivedAt.get() - sentAt;
        assertEquals(List.of(), problems);

        for (String gw : List.of(gatewayA, gatewayB)) {
            List<DeliveryTarget> targets = received.getOrDefault(gw, List.of());
            Set<Long> distinct = new HashSet<>();
            targets.forEach(t -> assertTrue(distinct.add(t.getUserId()), "user " + t.getUserId() + " targeted twice on " + gw));
            assertEquals(expected.get(gw), distinct, "targets on " + gw);
        }
        DeliveryTarget senderTarget = received.get(gatewayA).stream().filter(t -> t.getUserId() == owner).findFirst().orElseThrow();
        assertEquals("c-" + owner, senderTarget.getExcludeConnectionId());
        assertEquals("", received.get(gatewayB).stream().filter(t -> t.getUserId() != owner).findFirst().orElseThrow().getExcludeConnectionId());

        System.out.printf("FANOUT RESULT: members=%d online users=%d device targets=%d on 2 gateways; "
                        + "send -> last recipient record = %d ms (first record after %d ms); %.0f deliveries/s%n",
                ids.size(), online.size(), expectedTargets, elapsed, first, expectedTargets * 1000.0 / Math.max(1, elapsed));
    }

    private int targetCount() {
        return received.values().stream().mapToInt(List::size).sum();
    }

    private List<Long> createUsers(UserServiceGrpc.UserServiceBlockingStub users) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Long>> futures = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            String name = "fo" + runId + "_" + i;
            futures.add(pool.submit(() -> users.createUser(CreateUserRequest.newBuilder().setUsername(name)
                    .setPassword("fanout-secret-1").build()).getUser().getId()));
        }
        List<Long> ids = new ArrayList<>();
        for (Future<Long> f : futures) {
            ids.add(f.get());
        }
        pool.shutdown();
        ids.sort(Long::compare);
        return ids;
    }

    /** 模拟两个网关：读取各自的下行 Topic，记录每条投递的目标。 */
    private void startCollector() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(Topics.downstream(gatewayA), 1, (short) 1),
                    new NewTopic(Topics.downstream(gatewayB), 1, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ConsumerConfig.GROUP_ID_CONFIG, "fake-gateways-" + runId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.downstream(gatewayA), Topics.downstream(gatewayB)));
        collector = new Thread(() -> {
            try (consumer) {
                while (collecting) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                        try {
                            // 记录值是 DownstreamBatch：每网关每批一条，携带一个或几个投递
                            for (DownstreamDelivery d : DownstreamBatch.parseFrom(r.value()).getDeliveriesList()) {
                                if (!d.hasNewMessage() || !r.topic().equals(Topics.downstream(d.getGatewayId()))) {
                                    problems.add("unexpected delivery on " + r.topic() + ": " + d);
                                }
                                received.computeIfAbsent(d.getGatewayId(), g -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                        .addAll(d.getTargetsList());
                                deliveryCreatedAtMax.accumulateAndGet(d.getCreatedAt(), Math::max);
                            }
                            long now = System.currentTimeMillis();
                            firstReceivedAt.compareAndSet(0, now);
                            lastReceivedAt.set(now);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            }
        }, "fake-gateways");
        collector.start();
    }
}
