package com.acme.im.push;

import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.event.v1.DeadLetter;
import com.acme.im.proto.event.v1.PushTask;
import com.acme.im.proto.event.v1.TaskMessage;
import com.acme.im.proto.repo.v1.ConversationServiceGrpc;
import com.acme.im.proto.repo.v1.CreateGroupRequest;
import com.acme.im.proto.repo.v1.CreateUserRequest;
import com.acme.im.proto.repo.v1.GroupServiceGrpc;
import com.acme.im.proto.repo.v1.UpdateConversationSettingsRequest;
import com.acme.im.proto.repo.v1.PushSettingServiceGrpc;
import com.acme.im.proto.repo.v1.PushToken;
import com.acme.im.proto.repo.v1.RegisterPushTokenRequest;
import com.acme.im.proto.repo.v1.UserServiceGrpc;
import com.acme.im.runtime.kafka.Topics;
import com.acme.im.task.DeadLetterCollector;
import com.acme.im.testsupport.RepoAppProcess;
import com.acme.im.runtime.kafka.TaskTypes;
import com.acme.im.task.kafka.TaskConsumerRunner;
import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpServer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 真实 Kafka、repo-app 与一个本地 HTTP 服务充当的第三方推送服务：
 * 正常推送（令牌、标题、发送者、截断预览、密钥头）、先失败两次后成功（每人只推一次）、一直失败进死信、
 * 免打扰的会话不推送（被 @ 或 @所有人 时照推）。
 */
@MicronautTest(environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushFunctionIT implements TestPropertyProvider {

    static final String BOOTSTRAP = System.getenv().getOrDefault("IM_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    final String runId = UUID.randomUUID().toString().substring(0, 8);
    /** 推送服务收到的（且认证正确、未被要求失败的）通知。 */
    final List<Map<String, Object>> notifications = new CopyOnWriteArrayList<>();
    /** 一直失败的标记值。 */
    static final int ALWAYS_FAIL = Integer.MIN_VALUE;
    /** 按消息 ID 预设的失败次数；ALWAYS_FAIL 表示一直失败。 */
    final Map<Long, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    final AtomicInteger unauthorized = new AtomicInteger();
    HttpServer provider;
    DeadLetterCollector deadLetters;
    KafkaProducer<byte[], byte[]> producer;
    ManagedChannel channel;
    long alice;
    long bob;
    long carol;

    @Inject
    TaskConsumerRunner runner;
    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        try {
            provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        provider.createContext("/v1/notifications", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status;
            if (!"Bearer push-secret-key".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.incrementAndGet();
                status = 401;
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> n = json.readValue(body, Map.class);
                AtomicInteger left = failuresLeft.get(((Number) n.get("message_id")).longValue());
                if (left != null && (left.get() == ALWAYS_FAIL || left.getAndDecrement() > 0)) {
                    status = 503;
                } else {
                    notifications.add(n);
                    status = 202;
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        provider.start();
        deadLetters = new DeadLetterCollector(BOOTSTRAP, (DeadLetter d) -> taskIdOf(d).contains(runId));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP),
                new ByteArraySerializer(), new ByteArraySerializer());
        return Map.of("grpc.channels.repo-app.address", RepoAppProcess.address(),
                "im.task.consumer.group-id", "push-function-it-" + runId,
                "im.push.provider-url", "http://127.0.0.1:" + provider.getAddress().getPort() + "/v1/notifications",
                "im.push.api-key", "push-secret-key",
                "im.push.timeout", "2s",
                "im.push.preview-length", "10");
    }

    @BeforeEach
    void users() {
        if (channel != null) {
            return;
        }
        channel = ManagedChannelBuilder.forTarget(RepoAppProcess.address()).usePlaintext().build();
        UserServiceGrpc.UserServiceBlockingStub users = UserServiceGrpc.newBlockingStub(channel);
        PushSettingServiceGrpc.PushSettingServiceBlockingStub settings = PushSettingServiceGrpc.newBlockingStub(channel);
        alice = users.createUser(CreateUserRequest.newBuilder().setUsername("pa" + runId).setPassword("push-secret-1").build()).getUser().getId();
        bob = users.createUser(CreateUserRequest.newBuilder().setUsername("pb" + runId).setPassword("push-secret-1").build()).getUser().getId();
        carol = users.createUser(CreateUserRequest.newBuilder().setUsername("pc" + runId).setPassword("push-secret-1").build()).getUser().getId();
        settings.registerPushToken(token(alice, "phone", "apns", "tok-a1", true));
        settings.registerPushToken(token(alice, "tablet", "fcm", "tok-a2", true));
        settings.registerPushToken(token(bob, "phone", "fcm", "tok-b1", true));
        // carol 关闭了推送
        settings.registerPushToken(token(carol, "phone", "fcm", "tok-c1", false));
        await().atMost(Duration.ofSeconds(30)).until(() -> runner.assignedPartitions() > 0);
    }

    @AfterAll
    void close() throws Exception {
        producer.close();
        deadLetters.close();
        provider.stop(0);
        channel.shutdownNow();
    }

    @Test
    void offlineRecipientsGetOnePushEachWithTruncatedPreview() throws Exception {
        long messageId = System.nanoTime();
        send("ok", messageId, "这是一条很长的消息内容，用来检查通知预览会被截断", List.of(alice, bob, carol));
        await().atMost(Duration.ofSeconds(20)).until(() -> pushedTo(messageId).size() == 2);
        Map<Long, Map<String, Object>> byUser = pushedTo(messageId);
        assertEquals(Set.of(alice, bob), byUser.keySet());
        Map<String, Object> a = byUser.get(alice);
        assertEquals("产品讨论群", a.get("title"));
        assertEquals("张三", a.get("sender"));
        assertEquals("这是一条很长的消息内…", a.get("preview"));
        assertEquals("g_42", a.get("conversation_id"));
        assertEquals(Set.of("tok-a1", "tok-a2"), tokens(a));
        assertEquals(Set.of("tok-b1"), tokens(byUser.get(bob)));
        assertEquals(0, unauthorized.get());
    }

    @Test
    void providerErrorsAreRetriedAndEachUserIsPushedOnce() throws Exception {
        long messageId = System.nanoTime();
        failuresLeft.put(messageId, new AtomicInteger(2));
        String taskId = send("flaky", messageId, "short", List.of(alice, bob));
        await().atMost(Duration.ofSeconds(20)).until(() -> pushedTo(messageId).size() == 2);
        assertEquals(2, notifications.stream().filter(n -> id(n, "message_id") == messageId).count());
        assertTrue(deadLetters.letters().stream().noneMatch(d -> taskIdOf(d).equals(taskId)));
    }

    @Test
    void providerDownMeansDeadLetterNotLoss() throws Exception {
        long messageId = System.nanoTime();
        failuresLeft.put(messageId, new AtomicInteger(ALWAYS_FAIL));
        String taskId = send("down", messageId, "never delivered", List.of(bob));
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.letters().stream()
                .anyMatch(d -> taskIdOf(d).equals(taskId)));
        DeadLetter letter = deadLetters.letters().stream().filter(d -> taskIdOf(d).equals(taskId)).findFirst().orElseThrow();
        assertEquals(Topics.task(TaskTypes.PUSH), letter.getSourceTopic());
        assertEquals(4, letter.getAttempts());
        assertTrue(letter.getError().contains("push provider answered 503"), letter.getError());
        assertFalse(letter.getError().contains("push-secret-key"));
        assertEquals(0, pushedTo(messageId).size());
    }

    private String send(String name, long messageId, String content, List<Long> recipients) throws Exception {
        String taskId = "push:" + runId + ":" + name;
        Message m = Message.newBuilder().setId(messageId).setConversationId("g_42").setSenderId(1)
                .setType(MessageType.MESSAGE_TYPE_TEXT).setContent(content).setSeq(3).build();
        TaskMessage task = TaskMessage.newBuilder().setTaskType(TaskTypes.PUSH).setTaskId(taskId)
                .setPush(PushTask.newBuilder().setMessage(m).addAllRecipientIds(recipients).setTitle("产品讨论群").setSenderName("张三"))
                .build();
        producer.send(new ProducerRecord<>(Topics.task(TaskTypes.PUSH), "g_42".getBytes(StandardCharsets.UTF_8), task.toByteArray())).get();
        return taskId;
    }

    @Test
    void mutedConversationIsSkippedUnlessTheUserIsMentioned() throws Exception {
        String conv = TestGroups.create(channel, alice, bob);
        ConversationServiceGrpc.newBlockingStub(channel).updateConversationSettings(UpdateConversationSettingsRequest
                .newBuilder().setUserId(bob).setConversationId(conv).setMuted(true).build());

        long plain = System.nanoTime();
        sendIn("muted-plain", plain, conv, List.of(alice, bob), false);
        await().atMost(Duration.ofSeconds(20)).until(() -> pushedTo(plain).containsKey(alice));
        long mentioned = System.nanoTime();
        sendIn("muted-mention", mentioned, conv, List.of(alice, bob), false, bob);
        long all = System.nanoTime();
        sendIn("muted-all", all, conv, List.of(alice, bob), true);
        await().atMost(Duration.ofSeconds(20)).until(() -> pushedTo(mentioned).size() == 2 && pushedTo(all).size() == 2);
        // 同一分区按顺序处理：后两条都已推送，第一条若要推给 bob 也早已推过
        assertEquals(Set.of(alice), pushedTo(plain).keySet(), "bob muted the conversation");
        assertEquals(Set.of(alice, bob), pushedTo(mentioned).keySet());
        assertEquals(Set.of(alice, bob), pushedTo(all).keySet());
    }

    private void sendIn(String name, long messageId, String conversationId, List<Long> recipients, boolean mentionAll,
                        long... mentioned) throws Exception {
        Message.Builder m = Message.newBuilder().setId(messageId).setConversationId(conversationId).setSenderId(1)
                .setType(MessageType.MESSAGE_TYPE_TEXT).setContent("hello").setSeq(1).setMentionAll(mentionAll);
        for (long u : mentioned) {
            m.addMentionedUserIds(u);
        }
        TaskMessage task = TaskMessage.newBuilder().setTaskType(TaskTypes.PUSH).setTaskId("push:" + runId + ":" + name)
                .setPush(PushTask.newBuilder().setMessage(m).addAllRecipientIds(recipients).setTitle("群").setSenderName("张三"))
                .build();
        producer.send(new ProducerRecord<>(Topics.task(TaskTypes.PUSH), conversationId.getBytes(StandardCharsets.UTF_8),
                task.toByteArray())).get();
    }

    /** 经 repo 建一个群（第一个为群主），返回会话 ID。 */
    private static final class TestGroups {
        static String create(ManagedChannel channel, long owner, long... members) {
            CreateGroupRequest.Builder r = CreateGroupRequest.newBuilder().setName("push mute").setOwnerId(owner);
            for (long u : members) {
                r.addMemberIds(u);
            }
            return GroupServiceGrpc.newBlockingStub(channel).createGroup(r.build()).getGroup().getConversationId();
        }
    }

    private Map<Long, Map<String, Object>> pushedTo(long messageId) {
        return notifications.stream().filter(n -> id(n, "message_id") == messageId)
                .collect(Collectors.toMap(n -> id(n, "user_id"), n -> n, (x, y) -> x));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> tokens(Map<String, Object> n) {
        return ((List<Map<String, Object>>) n.get("tokens")).stream().map(t -> (String) t.get("token")).collect(Collectors.toSet());
    }

    private static long id(Map<String, Object> n, String key) {
        return ((Number) n.get(key)).longValue();
    }

    private static String taskIdOf(DeadLetter d) {
        try {
            return TaskMessage.parseFrom(d.getOriginalValue()).getTaskId();
        } catch (InvalidProtocolBufferException e) {
            return "";
        }
    }

    private static RegisterPushTokenRequest token(long user, String device, String platform, String token, boolean enabled) {
        return RegisterPushTokenRequest.newBuilder().setEnabled(enabled)
                .setToken(PushToken.newBuilder().setUserId(user).setDeviceId(device).setPlatform(platform).setToken(token)).build();
    }
}
