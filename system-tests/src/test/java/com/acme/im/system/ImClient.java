package com.acme.im.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * 测试用客户端：只通过网关公开的 REST 接口与 WebSocket 访问系统，和真实客户端看到的完全一样。
 */
public final class ImClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String username;
    private long userId;
    private String accessToken;
    private String refreshToken;

    private ImClient(String baseUrl, String username) {
        this.baseUrl = baseUrl;
        this.username = username;
    }

    /** 以随机用户名注册一个新用户并持有其令牌。 */
    public static ImClient register(int gatewayPort, String prefix) {
        String name = prefix + "_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        ImClient c = new ImClient("http://127.0.0.1:" + gatewayPort, name);
        Response r = c.call("POST", "/api/v1/auth/register", JSON.createObjectNode()
                .put("username", name).put("password", "correct-horse-9").put("nickname", prefix), false);
        r.expect(200, 201);
        c.adopt(r.body());
        return c;
    }

    /** 同一用户在另一个网关上登录（另一台设备）。 */
    public ImClient loginOn(int gatewayPort) {
        ImClient c = new ImClient("http://127.0.0.1:" + gatewayPort, username);
        Response r = c.call("POST", "/api/v1/auth/login", JSON.createObjectNode()
                .put("username", username).put("password", "correct-horse-9"), false);
        r.expect(200);
        c.adopt(r.body());
        return c;
    }

    /** 同一用户以给定设备 ID 在某网关上登录（“我的设备”按它区分设备）。 */
    public ImClient loginOn(int gatewayPort, String deviceId) {
        ImClient c = new ImClient("http://127.0.0.1:" + gatewayPort, username);
        Response r = c.call("POST", "/api/v1/auth/login", JSON.createObjectNode()
                .put("username", username).put("password", "correct-horse-9").put("device_id", deviceId), false);
        r.expect(200);
        c.adopt(r.body());
        return c;
    }

    private void adopt(JsonNode body) {
        this.userId = Long.parseLong(body.path("user").path("id").asText());
        this.accessToken = body.path("access_token").asText();
        this.refreshToken = body.path("refresh_token").asText();
    }

    public long userId() {
        return userId;
    }

    public String username() {
        return username;
    }

    public String accessToken() {
        return accessToken;
    }

    public String refreshToken() {
        return refreshToken;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** 打开 WebSocket 连接（Authorization 头携带令牌）。 */
    public WsConnection connect() {
        return WsConnection.open(baseUrl.replace("http://", "ws://") + "/ws", accessToken);
    }

    public String openSingle(long peer) {
        Response r = call("POST", "/api/v1/conversations/single", JSON.createObjectNode().put("peer_user_id", peer), true);
        r.expect(200);
        return r.body().path("conversation_id").asText();
    }

    /**
     * 等到这些用户的连接已登记为在线：连接登记之前到达的消息不会实时推送（客户端按 after_seq 补拉），
     * 所以依赖实时推送的断言必须先等登记完成。
     */
    public void awaitOnline(long... userIds) {
        ObjectNode body = JSON.createObjectNode();
        var arr = body.putArray("user_ids");
        for (long id : userIds) {
            arr.add(id);
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode r = call("POST", "/api/v1/presence/query", body, true).expect(200).body();
            int online = 0;
            for (JsonNode p : r.path("presences")) {
                if (p.path("online").asBoolean()) {
                    online++;
                }
            }
            return online == userIds.length;
        });
    }

    public Response createGroup(String name, long... members) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        var arr = body.putArray("member_ids");
        for (long m : members) {
            arr.add(m);
        }
        return call("POST", "/api/v1/groups", body, true);
    }

    public Response history(String conversationId, String query) {
        return call("GET", "/api/v1/conversations/" + enc(conversationId) + "/messages" + (query.isEmpty() ? "" : "?" + query), null, true);
    }

    public Response call(String method, String path, JsonNode body, boolean auth) {
        return raw(method, path, body == null ? null : body.toString(), auth ? accessToken : null);
    }

    /** 发送任意原始请求体（用于坏输入测试）。 */
    public Response raw(String method, String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(15));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body() == null || r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
            return new Response(r.statusCode(), json, r.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String newClientMsgId() {
        return UUID.randomUUID().toString();
    }

    /** HTTP 响应：状态码与 JSON 体。 */
    public record Response(int status, JsonNode body, String raw) {
        public Response expect(int... statuses) {
            for (int s : statuses) {
                if (s == status) {
                    return this;
                }
            }
            throw new AssertionError("unexpected HTTP " + status + ": " + raw);
        }

        public int code() {
            return body.path("code").asInt(-1);
        }
    }
}
