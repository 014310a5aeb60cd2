package com.acme.im.gateway;

import com.acme.im.testsupport.RawUpgrade;
import com.acme.im.gateway.ws.ConnectionRegistry;
import com.acme.im.runtime.error.ErrorBody;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * 连接上限：网关满了（max-connections）时升级回 503 + 1008，且不去验令牌；关掉一个连接后立即能再连上。
 * 同一用户的设备上限（max-connections-per-user）：新的那个升级回 429 + 1009，已有设备不受影响。
 * 真实 HTTP 服务器与 Kafka，logic 为进程内的假 gRPC 服务。
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionLimitIT {

    private static final int MAX_CONNECTIONS = 5;
    private static final int MAX_PER_USER = 3;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<WsClient> sockets = new ArrayList<>();
    private FakeLogic logic;
    private ApplicationContext gateway;
    private ConnectionRegistry registry;
    private JsonMapper json;
    private int port;

    @BeforeAll
    void start() throws Exception {
        logic = new FakeLogic();
        gateway = logic.startGateway("it-limits", Map.of(
                "im.gateway.max-connections", MAX_CONNECTIONS,
                "im.gateway.max-connections-per-user", MAX_PER_USER));
        registry = gateway.getBean(ConnectionRegistry.class);
        json = gateway.getBean(JsonMapper.class);
        port = gateway.getBean(EmbeddedServer.class).getPort();
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(WsClient::close);
        sockets.clear();
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.size() == 0);
    }

    @AfterAll
    void stop() {
        gateway.close();
        logic.close();
    }

    private WsClient connect(long userId) {
        WsClient c = WsClient.connect(http, json, port, FakeLogic.token(userId));
        sockets.add(c);
        return c;
    }

    private void assertRefused(RawUpgrade r, int status, int code) throws Exception {
        assertEquals(status, r.status(), r.body());
        ErrorBody body = json.readValue(r.body(), ErrorBody.class);
        assertEquals(code, body.code(), r.body());
        assertFalse(body.traceId() == null || body.traceId().isBlank(), r.body());
    }

    @Test
    void fullGatewayRefusesUpgradesWith503BeforeCheckingTheTokenAndRecovers() throws Exception {
        for (long user = 1; user <= MAX_CONNECTIONS; user++) {
            connect(user);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.size() == MAX_CONNECTIONS);

        int validationsBefore = logic.validations.get();
        RawUpgrade refused = RawUpgrade.attempt(port, "/ws", FakeLogic.token(99));
        assertRefused(refused, 503, 1008);
        assertEquals(validationsBefore, logic.validations.get(), "a refused upgrade never reaches logic");

        // 关掉一个连接：容量释放后立即能连上
        WsClient first = sockets.remove(0);
        first.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.size() == MAX_CONNECTIONS - 1);
        WsClient again = connect(99);
        again.sendText("{\"type\":\"ping\",\"message_id\":\"p1\"}");
        again.await("pong", d -> true);
    }

    @Test
    void extraDeviceOfOneUserIsRefusedWith429AndTheOthersKeepWorking() throws Exception {
        List<WsClient> devices = new ArrayList<>();
        for (int i = 0; i < MAX_PER_USER; i++) {
            devices.add(connect(42));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.countOf(42) == MAX_PER_USER);

        assertRefused(RawUpgrade.attempt(port, "/ws", FakeLogic.token(42)), 429, 1009);
        // 别的用户不受影响
        connect(43);
        for (WsClient d : devices) {
            assertFalse(d.closed.isDone(), "existing devices stay connected");
            d.sendText("{\"type\":\"ping\",\"message_id\":\"p\"}");
            d.await("pong", x -> true);
        }

        devices.get(0).close();
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.countOf(42) == MAX_PER_USER - 1);
        connect(42);
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.countOf(42) == MAX_PER_USER);
    }
}
