package com.acme.im.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * 本地 HTTP 服务充当第三方推送服务（与 push-function 自己的集成测试同一做法）：
 * 记录 push-function POST 来的每条通知并回 202，测试据此断言“谁在哪台设备上收到了什么”。
 */
public final class PushProviderStandIn implements AutoCloseable {

    private final HttpServer server;
    private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();

    private PushProviderStandIn(HttpServer server) {
        this.server = server;
    }

    /** 在回环地址的空闲端口上启动。 */
    public static PushProviderStandIn start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the push provider stand-in", e);
        }
        PushProviderStandIn standIn = new PushProviderStandIn(server);
        server.createContext("/v1/notifications", exchange -> {
            try {
                standIn.notifications.add(ImClient.JSON.readTree(exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(202, -1);
            } catch (IOException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
        return standIn;
    }

    /** push-function 的 im.push.provider-url。 */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/notifications";
    }

    /** 发给某用户的全部通知（按到达顺序）。 */
    public List<JsonNode> notificationsFor(long userId) {
        return notifications.stream().filter(n -> n.path("user_id").asLong() == userId).toList();
    }

    /** 带某个设备令牌的全部通知。 */
    public List<JsonNode> notificationsToToken(String token) {
        return notifications.stream().filter(n -> {
            for (JsonNode t : n.path("tokens")) {
                if (token.equals(t.path("token").asText())) {
                    return true;
                }
            }
            return false;
        }).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
