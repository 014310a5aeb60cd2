package com.acme.im.gateway;

import com.acme.im.runtime.error.ErrorBody;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.management.endpoint.EndpointDefaultConfiguration;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 健康检查与指标只在管理端口上（默认只监听 127.0.0.1）：公网端口上 /health、/prometheus 都是 404；
 * 管理端口上有带详情的 /health、分开的 /health/liveness 与 /health/readiness、/prometheus，且没有 REST 与 /ws。
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementPortIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private FakeLogic logic;
    private ApplicationContext gateway;
    private JsonMapper json;
    private int publicPort;
    private int managementPort;

    @BeforeAll
    void start() throws Exception {
        logic = new FakeLogic();
        gateway = logic.startGateway("it-management", Map.of());
        json = gateway.getBean(JsonMapper.class);
        publicPort = gateway.getBean(EmbeddedServer.class).getPort();
        managementPort = gateway.getBean(EndpointDefaultConfiguration.class).getPort().orElseThrow();
        assertNotEquals(publicPort, managementPort);
    }

    @AfterAll
    void stop() {
        gateway.close();
        logic.close();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void operationsEndpointsAreNotOnThePublicPort() throws Exception {
        for (String path : new String[]{"/health", "/health/liveness", "/health/readiness", "/prometheus"}) {
            HttpResponse<String> r = get(publicPort, path);
            assertEquals(404, r.statusCode(), path + " -> " + r.body());
            assertEquals(1004, json.readValue(r.body(), ErrorBody.class).code(), r.body());
        }
    }

    @Test
    void managementPortServesHealthWithDetailsProbesAndMetrics() throws Exception {
        HttpResponse<String> health = get(managementPort, "/health");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"kafka\"") && health.body().contains("\"downstream\""), health.body());

        HttpResponse<String> liveness = get(managementPort, "/health/liveness");
        assertEquals(200, liveness.statusCode(), liveness.body());
        assertTrue(liveness.body().contains("\"UP\""), liveness.body());
        HttpResponse<String> readiness = get(managementPort, "/health/readiness");
        assertEquals(200, readiness.statusCode(), readiness.body());
        assertTrue(readiness.body().contains("\"downstream\""), readiness.body());

        HttpResponse<String> metrics = get(managementPort, "/prometheus");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("jvm_memory_used_bytes"), "metrics are exported");
    }

    @Test
    void managementPortHasNoApplicationRoutes() throws Exception {
        assertEquals(404, get(managementPort, "/api/v1/conversations").statusCode());
        assertEquals(404, get(managementPort, "/ws").statusCode());
    }

    @Test
    void managementPortListensOnLoopbackOnly() throws IOException {
        // 127.0.0.2 也在 lo 上：监听通配地址的公网端口能连上，只绑定 127.0.0.1 的管理端口连不上
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.2", publicPort), 2000);
        }
        assertThrows(ConnectException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.2", managementPort), 2000);
            }
        });
    }
}
