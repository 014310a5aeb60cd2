package com.acme.im.gateway;

import com.acme.im.testsupport.RawUpgrade;
import com.acme.im.gateway.ws.ConnectionRegistry;
import com.acme.im.gateway.ws.WebSocketDrainer;
import com.acme.im.runtime.error.ErrorBody;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 优雅停机：停止应用上下文时每个 WebSocket 都收到关闭码 1001（going away），上下线报告照常送到 logic；
 * 排空开始后新的升级回 503 + 1008。真实 HTTP 服务器与 Kafka，logic 为进程内的假 gRPC 服务。
 */
class GracefulShutdownIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private FakeLogic logic;
    private ApplicationContext gateway;
    private JsonMapper json;
    private int port;

    @BeforeEach
    void start() throws Exception {
        logic = new FakeLogic();
        gateway = logic.startGateway("it-shutdown", Map.of());
        json = gateway.getBean(JsonMapper.class);
        port = gateway.getBean(EmbeddedServer.class).getPort();
    }

    @AfterEach
    void stop() {
        if (gateway.isRunning()) {
            gateway.close();
        }
        logic.close();
    }

    @Test
    void stoppingTheContextClosesEverySocketWith1001() {
        List<WsClient> clients = List.of(WsClient.connect(http, json, port, FakeLogic.token(1)),
                WsClient.connect(http, json, port, FakeLogic.token(2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> logic.connected.get() == 2);

        long start = System.nanoTime();
        gateway.close();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        for (WsClient c : clients) {
            assertArrayEquals(new int[]{1001}, c.closed.orTimeout(5, TimeUnit.SECONDS).join());
        }
        // 关闭后连接全部结束，停机不必等满 grace-period（默认 20 s）
        assertTrue(tookMillis < 15_000, "shutdown took " + tookMillis + " ms");
        assertEquals(2, logic.disconnected.get(), "disconnects are reported before the gRPC channels close");
    }

    @Test
    void drainingRefusesNewUpgradesWith503() throws Exception {
        WsClient client = WsClient.connect(http, json, port, FakeLogic.token(5));
        // 等连接完全建立（已登记并上报上线）再停机，否则关闭帧可能与升级响应交错
        await().atMost(Duration.ofSeconds(10)).until(() -> logic.connected.get() == 1);
        gateway.getBean(WebSocketDrainer.class).shutdownGracefully().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertArrayEquals(new int[]{1001}, client.closed.orTimeout(5, TimeUnit.SECONDS).join());
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.getBean(ConnectionRegistry.class).size() == 0);

        RawUpgrade refused = RawUpgrade.attempt(port, "/ws", FakeLogic.token(6));
        assertEquals(503, refused.status(), refused.body());
        assertEquals(1008, json.readValue(refused.body(), ErrorBody.class).code());
    }
}
