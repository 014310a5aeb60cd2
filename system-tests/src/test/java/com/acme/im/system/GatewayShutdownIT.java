package com.acme.im.system;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 网关收到 SIGTERM（部署系统停实例的方式）：每个 WebSocket 收到关闭码 1001，客户端据此重连到别的网关；
 * 进程在 grace-period 内退出。用一个单独启动的第三个网关，不影响其它测试共用的两个。
 * 同时核对管理端口：健康检查与指标不在公网端口上。
 */
class GatewayShutdownIT {

    private static final int GATEWAY_C = 8185;
    private static final int GATEWAY_C_MANAGEMENT = 9185;

    @Test
    void sigtermClosesEverySocketWith1001AndTheProcessExits() throws Exception {
        SystemUnderTest sut = SystemUnderTest.get();
        Process gateway = sut.launchGateway(GATEWAY_C, GATEWAY_C_MANAGEMENT).awaitReady(GATEWAY_C_MANAGEMENT).process();

        assertEquals(404, status("http://127.0.0.1:" + GATEWAY_C + "/health"));
        assertEquals(404, status("http://127.0.0.1:" + GATEWAY_C + "/prometheus"));
        assertEquals(200, status("http://127.0.0.1:" + GATEWAY_C_MANAGEMENT + "/prometheus"));

        ImClient alice = ImClient.register(GATEWAY_C, "gs-alice");
        ImClient bob = ImClient.register(GATEWAY_C, "gs-bob");
        try (WsConnection a = alice.connect(); WsConnection b = bob.connect()) {
            alice.awaitOnline(alice.userId(), bob.userId());
            long start = System.nanoTime();
            gateway.destroy(); // SIGTERM

            assertEquals(1001, a.closedFuture().get(15, TimeUnit.SECONDS));
            assertEquals(1001, b.closedFuture().get(15, TimeUnit.SECONDS));
            assertTrue(gateway.waitFor(30, TimeUnit.SECONDS), "gateway did not exit within 30 s of SIGTERM");
            System.out.printf("GatewayShutdownIT: sockets closed with 1001, process exited %d ms after SIGTERM (exit code %d)%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), gateway.exitValue());
        } finally {
            gateway.destroyForcibly();
        }
    }

    private static int status(String url) throws Exception {
        return ImClient.HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
