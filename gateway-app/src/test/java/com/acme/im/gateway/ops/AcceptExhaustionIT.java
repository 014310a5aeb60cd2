package com.acme.im.gateway.ops;

import com.acme.im.testsupport.AppProcess;
import com.acme.im.testsupport.TestPorts;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 打开文件数真的耗尽时（WebSocket 连接上限之外的兜底）：网关进程以 ulimit -n 512 启动，
 * 客户端开出比上限多的普通 TCP 连接（不升级，连接上限管不到它们）。期望：accept 失败只记一条限频告警（而不是 Netty 每秒一条带堆栈的日志），
 * 连接关掉之后网关自己恢复接受新连接。网关用本模块打好的 jar 作为子进程启动（进程级的文件数限制）。
 */
class AcceptExhaustionIT {

    private static final int NOFILE = 512;

    private final List<Socket> sockets = new ArrayList<>();
    private Process gateway;

    @AfterEach
    void cleanUp() {
        closeAll();
        if (gateway != null) {
            gateway.destroyForcibly();
        }
    }

    private void closeAll() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // 测试清理：已断开的连接不必处理
            }
        }
        sockets.clear();
    }

    @Test
    void exhaustedFileDescriptorsLogOnceAndTheGatewayRecoversWhenConnectionsClose() throws Exception {
        Path jar = AppProcess.jar("gateway-app");
        Path log = Path.of("target/accept-exhaustion-it.log").toAbsolutePath();
        int port = TestPorts.free();
        int management = TestPorts.free();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = "ulimit -n " + NOFILE + " && exec '" + java + "' -Xmx256m -XX:+UseSerialGC"
                + " -Dmicronaut.server.port=" + port + " -Dendpoints.all.port=" + management
                + " -Dim.gateway.id=it-accept-exhaustion -Dim.discovery.enabled=false"
                + " -Dgrpc.channels.logic-app.address=127.0.0.1:1 -Dgrpc.channels.repo-app.address=127.0.0.1:1"
                + " -jar '" + jar + "'";
        gateway = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() -> {
            assertTrue(gateway.isAlive(), "gateway exited, see " + log);
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/health/liveness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });

        // 比打开文件上限多的连接：超出的部分留在内核 backlog 里，accept 报 Too many open files
        for (int i = 0; i < NOFILE + 200; i++) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            sockets.add(s);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count(log, "accepting connections on") >= 1);
        // 耗尽持续期间（Netty 默认每秒打印一次堆栈）日志保持安静
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> count(log, "accepting connections on") == 1);
        assertFalse(Files.readString(log).contains("reached at the tail of the pipeline"), "no per-failure stack traces");
        assertTrue(gateway.isAlive());

        // 连接关掉后不需要任何干预就恢复接受：公网端口上一个普通请求得到应答
        closeAll();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 404);
    }

    private static long count(Path log, String needle) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.contains(needle)).count();
    }
}
