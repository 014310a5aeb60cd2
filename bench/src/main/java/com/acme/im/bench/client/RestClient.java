package com.acme.im.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * 网关公开 REST 接口的最小客户端（注册、刷新令牌、单聊、建群、加人、世界聊天室、会话列表、历史、在线状态）。
 * 只用公开接口，不碰内部 gRPC。非 2xx 一律抛 {@link RestException}，带上状态码与响应体。
 */
public final class RestClient {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;

    /** @param base 例如 http://127.0.0.1:8080 */
    public RestClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI base() {
        return base;
    }

    /** 非 2xx 响应。 */
    public static final class RestException extends RuntimeException {
        private final int status;

        public RestException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public JsonNode register(String username, String password) {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("password", password);
        return send(post("/api/v1/auth/register", null, body));
    }

    public JsonNode login(String username, String password) {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("password", password);
        return send(post("/api/v1/auth/login", null, body));
    }

    public JsonNode refresh(String refreshToken) {
        return send(post("/api/v1/auth/refresh", null, JSON.createObjectNode().put("refresh_token", refreshToken)));
    }

    /** 打开单聊，返回会话 ID。 */
    public String openSingle(String token, long peerUserId) {
        return send(post("/api/v1/conversations/single", token,
                JSON.createObjectNode().put("peer_user_id", peerUserId))).path("conversation_id").asText();
    }

    /** 建群（建群时最多带 500 人），返回群信息。 */
    public JsonNode createGroup(String token, String name, Collection<Long> memberIds) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        memberIds.forEach(body.putArray("member_ids")::add);
        return send(post("/api/v1/groups", token, body));
    }

    /** 加人（每次最多 500 人），返回实际加入人数。 */
    public int addMembers(String token, long groupId, Collection<Long> userIds) {
        ObjectNode body = JSON.createObjectNode();
        userIds.forEach(body.putArray("user_ids")::add);
        return send(post("/api/v1/groups/" + groupId + "/members", token, body)).path("added").asInt();
    }

    public String joinWorld(String token) {
        return send(post("/api/v1/world/join", token, JSON.createObjectNode())).path("conversation_id").asText();
    }

    /** 批量在线状态，返回在线的用户 ID。 */
    public List<Long> online(String token, Collection<Long> userIds) {
        ObjectNode body = JSON.createObjectNode();
        userIds.forEach(body.putArray("user_ids")::add);
        JsonNode r = send(post("/api/v1/presence/query", token, body));
        List<Long> online = new java.util.ArrayList<>();
        for (JsonNode p : r.path("presences")) {
            if (p.path("online").asBoolean()) {
                online.add(p.path("user_id").asLong());
            }
        }
        return online;
    }

    public JsonNode get(String path, String token) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    private HttpRequest post(String path, String token, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RestException(-1, request.method() + " " + request.uri() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestException(-1, "interrupted");
        }
        if (r.statusCode() / 100 != 2) {
            throw new RestException(r.statusCode(), request.method() + " " + request.uri().getPath() + " -> HTTP "
                    + r.statusCode() + " " + r.body());
        }
        try {
            return r.body() == null || r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new RestException(r.statusCode(), "unparseable body: " + r.body());
        }
    }
}
