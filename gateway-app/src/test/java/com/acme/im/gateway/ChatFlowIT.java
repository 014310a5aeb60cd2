package com.acme.im.gateway;

import com.acme.im.testsupport.TestPorts;
import com.acme.im.testsupport.BackendProcesses;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * 端到端聊天：repo-app 与 logic-app 以各自的 jar 启动为子进程（真实 MariaDB、Redis、Kafka），
 * 两个网关在本进程内启动，客户端是真实的 WebSocket 连接。
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatFlowIT {


    private BackendProcesses backend;
    private final List<ApplicationContext> gateways = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<WsClient> sockets = new ArrayList<>();
    private JsonMapper json;
    private int portA;
    private int portB;

    @BeforeAll
    void startSystem() throws Exception {
        // 独立消费组：本测试的 logic 拿到上行 Topic 的全部分区，不与同机运行的其他 logic 分摊
        backend = BackendProcesses.start("chatflow", 3, "gateway-chatflow-it");

        for (String id : List.of("it-gw-a", "it-gw-b")) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("micronaut.server.port", TestPorts.free());
            props.put("im.gateway.id", id);
            props.put("im.discovery.enabled", false);
            props.put("grpc.channels.logic-app.address", backend.logicAddress());
            props.put("grpc.channels.repo-app.address", backend.repoAddress());
            props.put("im.gateway.upstream-topic", backend.upstreamTopic());
            ApplicationContext ctx = ApplicationContext.run(props);
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
            gateways.add(ctx);
            if (portA == 0) {
                portA = server.getPort();
            } else {
                portB = server.getPort();
            }
        }
        json = gateways.get(0).getBean(JsonMapper.class);
    }

    @AfterAll
    void stopSystem() {
        sockets.forEach(WsClient::close);
        gateways.forEach(ApplicationContext::close);
        if (backend != null) {
            backend.close();
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> call(int port, String method, String path, String token, String body, int expectedStatus)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, r.statusCode(), method + " " + path + " -> " + r.body());
        return r.body().isEmpty() ? Map.of() : json.readValue(r.body(), Map.class);
    }

    /** 注册一个新用户，返回 {user_id, access_token}。 */
    @SuppressWarnings("unchecked")
    private String[] register(String prefix) throws Exception {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> r = call(portA, "POST", "/api/v1/auth/register", null,
                "{\"username\":\"" + name + "\",\"password\":\"correct-horse-1\",\"nickname\":\"" + prefix + "\"}", 201);
        return new String[]{(String) ((Map<String, Object>) r.get("user")).get("id"), (String) r.get("access_token")};
    }

    private WsClient connect(int port, String token) {
        WsClient c = WsClient.connect(http, json, port, token);
        sockets.add(c);
        return c;
    }

    private static String id(Map<String, Object> data, String field) {
        return Objects.toString(data.get(field), null);
    }

    @Test
    void twoUsersOnTwoGatewaysChatBothWaysAndEveryDeviceReceives() throws Exception {
        String[] alice = register("alice");
        String[] bob = register("bob");
        String conversation = (String) call(portA, "POST", "/api/v1/conversations/single", alice[1],
                "{\"peer_user_id\":\"" + bob[0] + "\"}", 200).get("conversation_id");

        WsClient alicePhone = connect(portA, alice[1]);
        WsClient aliceLaptop = connect(portB, alice[1]);
        WsClient bobPhone = connect(portB, bob[1]);

        // alice -> bob：发送方收到 ack，bob 与 alice 的另一台设备收到 new-message
        alicePhone.sendMessage(conversation, "hello bob", "a-1");
        // 同机其他 logic 实例也可能处理同一条上行并回失败 ack，所以只认成功的 ack
        Map<String, Object> ack = alicePhone.await("message-ack", d -> "a-1".equals(d.get("client_msg_id")) && d.get("message_id") != null);
        assertNotNull(ack.get("message_id"), "ack carries the stored message id: " + ack);
        Map<String, Object> atBob = bobPhone.await("new-message", d -> "hello bob".equals(d.get("content")));
        assertEquals(ack.get("message_id"), atBob.get("message_id"));
        assertEquals(alice[0], id(atBob, "sender_id"));
        assertEquals(ack.get("seq_id"), atBob.get("seq_id"));
        aliceLaptop.await("new-message", d -> "hello bob".equals(d.get("content")));

        // bob -> alice：alice 的两台设备（在两个网关上）都收到
        bobPhone.sendMessage(conversation, "hi alice", "b-1");
        bobPhone.await("message-ack", d -> "b-1".equals(d.get("client_msg_id")) && d.get("message_id") != null);
        alicePhone.await("new-message", d -> "hi alice".equals(d.get("content")));
        aliceLaptop.await("new-message", d -> "hi alice".equals(d.get("content")));

        // 同一 client_msg_id 重发：只存一条，ack 相同
        alicePhone.sendMessage(conversation, "hello bob", "a-1");
        await().atMost(Duration.ofSeconds(30)).until(
                () -> alicePhone.received("message-ack", d -> "a-1".equals(d.get("client_msg_id")) && d.get("message_id") != null).size() == 2);
        for (Map<String, Object> again : alicePhone.received("message-ack", d -> "a-1".equals(d.get("client_msg_id")) && d.get("message_id") != null)) {
            assertEquals(ack.get("message_id"), again.get("message_id"));
            assertEquals(ack.get("seq_id"), again.get("seq_id"));
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) call(portB, "GET",
                "/api/v1/conversations/" + conversation + "/messages?after_seq=0&limit=50", bob[1], null, 200).get("messages");
        assertEquals(1, history.stream().filter(m -> "a-1".equals(m.get("client_msg_id"))).count(), history.toString());
        assertEquals(2, history.size(), history.toString());
    }

    @Test
    void badFramesGetErrorCodesAndTheSocketStaysUsable() throws Exception {
        String[] carol = register("carol");
        String[] dave = register("dave");
        String conversation = (String) call(portB, "POST", "/api/v1/conversations/single", carol[1],
                "{\"peer_user_id\":" + dave[0] + "}", 200).get("conversation_id");
        WsClient socket = connect(portB, carol[1]);

        socket.sendText("{not json");
        assertEquals(1001, ((Number) socket.await("error", d -> true).get("code")).intValue());
        socket.sendText("{\"type\":\"fly\",\"message_id\":\"m-2\"}");
        socket.await("error", d -> ((Number) d.get("code")).intValue() == 1001 && d.toString().contains("unknown"));
        socket.sendMessage(conversation, "x".repeat(5000), "too-long");
        assertEquals(3002, ((Number) socket.await("error", d -> "too-long".equals(d.get("client_msg_id"))).get("code")).intValue());
        // 不在会话中：由 logic 判定，以失败的 ack 返回
        socket.sendMessage("s_1_999999999", "intruder", "not-member");
        Map<String, Object> denied = socket.await("message-ack", d -> "not-member".equals(d.get("client_msg_id")));
        assertNotNull(denied.get("error_code"), denied.toString());
        assertEquals(List.of(), socket.received("message-ack", d -> "not-member".equals(d.get("client_msg_id")) && d.get("message_id") != null));

        socket.sendText("{\"type\":\"ping\",\"message_id\":\"p-1\"}");
        socket.await("pong", d -> true);
        socket.sendMessage(conversation, "still works", "ok-1");
        assertNotNull(socket.await("message-ack", d -> "ok-1".equals(d.get("client_msg_id")) && d.get("message_id") != null));
    }

    @Test
    void sendingFasterThanTheRateLimitIsRefusedWith1005() throws Exception {
        String[] frank = register("frank");
        String[] grace = register("grace");
        String conversation = (String) call(portA, "POST", "/api/v1/conversations/single", frank[1],
                "{\"peer_user_id\":\"" + grace[0] + "\"}", 200).get("conversation_id");
        WsClient socket = connect(portA, frank[1]);
        // 默认突发 40 条：一口气发 60 条，超出的部分收到 1005，连接仍可用
        for (int i = 0; i < 60; i++) {
            socket.sendMessage(conversation, "burst " + i, "burst-" + i);
        }
        Map<String, Object> limited = socket.await("error", d -> ((Number) d.get("code")).intValue() == 1005);
        assertNotNull(limited.get("client_msg_id"), limited.toString());
        socket.sendText("{\"type\":\"ping\"}");
        socket.await("pong", d -> true);
    }

    @Test
    void logoutRevokesTheTokenAndClosesThatSessionsSockets() throws Exception {
        String[] erin = register("erin");
        // 浏览器方式：令牌在 token 查询参数中
        WsClient socket = WsClient.connect(http, json, portA, erin[1], true);
        sockets.add(socket);
        socket.sendText("{\"type\":\"ping\"}");
        socket.await("pong", d -> true);
        call(portB, "GET", "/api/v1/conversations", erin[1], null, 200);

        call(portB, "DELETE", "/api/v1/auth/logout", erin[1], null, 204);

        // A 已把该会话缓存为有效（升级时校验过）：吊销广播在 1 秒内让它失效
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(
                () -> call(portA, "GET", "/api/v1/conversations", erin[1], null, 401));
        assertEquals(4001, socket.closed.orTimeout(30, TimeUnit.SECONDS).join()[0]);
    }
}
