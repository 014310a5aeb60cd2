package com.acme.im.system;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static com.acme.im.system.SystemUnderTest.GATEWAY_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 网关发布的 OpenAPI 描述必须与线上 JSON 一致：调用每个 REST 路由（成功与各类错误），
 * 用从运行中的网关取回的描述校验真实请求与响应（字段名、类型、必填、状态码、ErrorBody）。
 * 另外断言描述里的每个操作都被调用过，新增路由不测就会失败。
 */
class OpenApiConformanceIT {

    private static OpenApiInteractionValidator validator;
    private static String spec;
    /** 已调用并校验过的 “方法 模板路径 状态码”。 */
    private static final Set<String> covered = new TreeSet<>();

    @BeforeAll
    static void system() throws Exception {
        SystemUnderTest.get();
        HttpResponse<String> r = ImClient.HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + GATEWAY_A + "/swagger/gateway-app-0.1.yml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        spec = r.body();
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec).build();
    }

    @Test
    void describesSnakeCaseAndServesSwaggerUi() throws Exception {
        for (String camel : List.of("accessToken", "hasMore", "pageSize", "traceId", "deviceId", "conversationId")) {
            assertFalse(spec.contains(camel + ":"), "camelCase property in the OpenAPI description: " + camel);
        }
        HttpResponse<String> ui = ImClient.HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + GATEWAY_A + "/swagger-ui/index.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ui.statusCode());
        assertTrue(ui.body().contains("gateway-app-0.1.yml"), "Swagger UI points at the generated description");
        // 页面脚本随网关一起提供，不依赖外网
        HttpResponse<String> bundle = ImClient.HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + GATEWAY_A + "/swagger-ui/res/swagger-ui-bundle.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, bundle.statusCode());
    }

    @Test
    void everyRouteAnswersAsDescribed() {
        ImClient alice = register("oaa");
        ImClient bob = register("oab");
        ImClient carol = register("oac");
        String aliceName = alice.username();

        // 认证
        String login = json(Map.of("username", aliceName, "password", "correct-horse-9", "device_id", "web-1"));
        ImClient.Response loggedIn = exchange(alice, "POST", "/api/v1/auth/login", Map.of(), login, null, 200);
        exchange(alice, "POST", "/api/v1/auth/refresh", Map.of(),
                json(Map.of("refresh_token", loggedIn.body().path("refresh_token").asText())), null, 200);
        exchange(alice, "POST", "/api/v1/auth/login", Map.of(),
                json(Map.of("username", aliceName, "password", "wrong-password-1")), null, 401);
        exchange(alice, "POST", "/api/v1/auth/register", Map.of(),
                json(Map.of("username", aliceName, "password", "correct-horse-9")), null, 409);
        exchange(alice, "POST", "/api/v1/auth/refresh", Map.of(), json(Map.of("refresh_token", "not-a-token")), null, 401);
        responseOnly(alice, "POST", "/api/v1/auth/register", Map.of(), "{bad json", null, 400);

        // 按用户名找人（网页客户端据此打开单聊）
        exchange(alice, "GET", "/api/v1/users/by-username/" + bob.username(), Map.of(), null, alice.accessToken(), 200);
        exchange(alice, "GET", "/api/v1/users/by-username/nobody-0", Map.of(), null, alice.accessToken(), 404);
        exchange(alice, "GET", "/api/v1/users/by-username/x", Map.of(), null, alice.accessToken(), 400);

        // 单聊、消息、已读
        String conv = exchange(alice, "POST", "/api/v1/conversations/single", Map.of(),
                "{\"peer_user_id\":" + bob.userId() + "}", alice.accessToken(), 200).body().path("conversation_id").asText();
        exchange(alice, "POST", "/api/v1/conversations/single", Map.of(), "{\"peer_user_id\":987654321}", alice.accessToken(), 404);
        try (WsConnection ws = alice.connect()) {
            ws.awaitAck(ws.sendMessage(conv, "hello openapi"));
            ws.awaitAck(ws.sendMessage(conv, "second"));
        }
        exchange(alice, "GET", "/api/v1/conversations", Map.of(), null, alice.accessToken(), 200);
        exchange(bob, "GET", "/api/v1/conversations", Map.of("page", "1", "page_size", "10"), null, bob.accessToken(), 200);
        String path = "/api/v1/conversations/" + conv + "/messages";
        ImClient.Response page = exchange(bob, "GET", path, Map.of("after_seq", "0", "limit", "1"), null, bob.accessToken(), 200);
        assertTrue(page.body().path("has_more").asBoolean(), page.raw());
        exchange(bob, "GET", path, Map.of(), null, bob.accessToken(), 200);
        exchange(bob, "GET", path, Map.of("before_seq", "2"), null, bob.accessToken(), 200);
        exchange(carol, "GET", path, Map.of(), null, carol.accessToken(), 403);
        responseOnly(bob, "GET", path, Map.of("limit", "0"), null, bob.accessToken(), 400);
        exchange(bob, "POST", "/api/v1/conversations/" + conv + "/read", Map.of(), "{\"seq\":2}", bob.accessToken(), 200);
        exchange(carol, "POST", "/api/v1/conversations/" + conv + "/read", Map.of(), "{\"seq\":1}", carol.accessToken(), 403);
        // 会话设置（置顶、免打扰）：成功、部分更新、坏输入、非成员
        String settings = "/api/v1/conversations/" + conv + "/settings";
        exchange(alice, "PUT", settings, Map.of(), "{\"pinned\":true,\"muted\":false}", alice.accessToken(), 200);
        exchange(bob, "PUT", settings, Map.of(), "{\"muted\":true}", bob.accessToken(), 200);
        exchange(bob, "PUT", settings, Map.of(), "{}", bob.accessToken(), 400);
        exchange(carol, "PUT", settings, Map.of(), "{\"pinned\":true}", carol.accessToken(), 403);
        responseOnly(bob, "GET", "/api/v1/conversations", Map.of(), null, null, 401);
        responseOnly(bob, "GET", "/api/v1/conversations", Map.of(), null, "forged.token.value", 401);

        // 世界聊天室
        exchange(bob, "POST", "/api/v1/world/join", Map.of(), null, bob.accessToken(), 200);
        exchange(bob, "DELETE", "/api/v1/world/join", Map.of(), null, bob.accessToken(), 204);
        exchange(bob, "POST", "/api/v1/world/join", Map.of(), null, bob.accessToken(), 200);
        exchange(bob, "POST", "/api/v1/world/leave", Map.of(), null, bob.accessToken(), 204);

        // 群组
        JsonNode group = exchange(alice, "POST", "/api/v1/groups", Map.of(),
                "{\"name\":\"oa group\",\"member_ids\":[" + bob.userId() + "]}", alice.accessToken(), 201).body();
        String g = "/api/v1/groups/" + group.path("id").asText();
        responseOnly(alice, "POST", "/api/v1/groups", Map.of(), "{\"name\":\"\"}", alice.accessToken(), 400);
        exchange(carol, "GET", g, Map.of(), null, carol.accessToken(), 200);
        exchange(alice, "GET", "/api/v1/groups/987654321", Map.of(), null, alice.accessToken(), 404);
        exchange(carol, "GET", g + "/members", Map.of(), null, carol.accessToken(), 403);
        exchange(alice, "POST", g + "/members", Map.of(), "{\"user_ids\":[" + carol.userId() + "]}", alice.accessToken(), 200);
        exchange(alice, "GET", g + "/members", Map.of("limit", "2"), null, alice.accessToken(), 200);
        exchange(alice, "GET", g + "/members", Map.of("after_user_id", "0"), null, alice.accessToken(), 200);
        exchange(alice, "DELETE", g + "/members/" + carol.userId(), Map.of(), null, alice.accessToken(), 200);
        exchange(carol, "DELETE", g + "/members/" + bob.userId(), Map.of(), null, carol.accessToken(), 403);
        exchange(alice, "POST", "/api/v1/groups/987654321/members", Map.of(), "{}", alice.accessToken(), 404);

        // 群管理（单独一个群，最后解散）
        JsonNode managed = exchange(alice, "POST", "/api/v1/groups", Map.of(),
                "{\"name\":\"oa managed\",\"member_ids\":[" + bob.userId() + "]}", alice.accessToken(), 201).body();
        String mg = "/api/v1/groups/" + managed.path("id").asText();
        exchange(alice, "PUT", mg + "/members/" + bob.userId() + "/role", Map.of(), "{\"role\":\"admin\"}", alice.accessToken(), 200);
        exchange(bob, "PUT", mg + "/members/" + alice.userId() + "/role", Map.of(), "{\"role\":\"member\"}", bob.accessToken(), 403);
        exchange(bob, "PUT", mg + "/announcement", Map.of(), "{\"announcement\":\"hello\"}", bob.accessToken(), 200);
        exchange(carol, "PUT", mg + "/announcement", Map.of(), "{\"announcement\":\"hi\"}", carol.accessToken(), 403);
        exchange(bob, "PUT", mg + "/mute", Map.of(), "{\"muted\":true}", bob.accessToken(), 200);
        exchange(carol, "PUT", mg + "/mute", Map.of(), "{\"muted\":true}", carol.accessToken(), 403);
        exchange(bob, "PUT", mg + "/members/" + alice.userId() + "/mute", Map.of(), "{\"muted\":true}", bob.accessToken(), 403);
        exchange(alice, "PUT", mg + "/members/" + bob.userId() + "/mute", Map.of(), "{\"muted\":false}", alice.accessToken(), 200);
        exchange(bob, "POST", mg + "/transfer", Map.of(), "{\"user_id\":" + alice.userId() + "}", bob.accessToken(), 403);
        exchange(alice, "POST", mg + "/transfer", Map.of(), "{\"user_id\":" + bob.userId() + "}", alice.accessToken(), 200);
        exchange(alice, "DELETE", mg, Map.of(), null, alice.accessToken(), 403);
        exchange(bob, "DELETE", mg, Map.of(), null, bob.accessToken(), 200);
        exchange(bob, "PUT", mg + "/announcement", Map.of(), "{\"announcement\":\"late\"}", bob.accessToken(), 409);

        // 在线状态与搜索
        exchange(alice, "POST", "/api/v1/presence/query", Map.of(), "{\"user_ids\":[" + bob.userId() + "]}", alice.accessToken(), 200);
        responseOnly(alice, "POST", "/api/v1/presence/query", Map.of(), "{\"user_ids\":[]}", alice.accessToken(), 400);
        exchange(alice, "GET", "/api/v1/search/messages", Map.of("q", "openapi"), null, alice.accessToken(), 200);
        exchange(alice, "GET", "/api/v1/search/messages", Map.of("q", "openapi", "conversation_id", conv, "page", "1", "page_size", "5"),
                null, alice.accessToken(), 200);
        exchange(carol, "GET", "/api/v1/search/messages", Map.of("q", "x", "conversation_id", conv), null, carol.accessToken(), 403);

        // 好友申请、好友与备注、拉黑（alice 与 bob 成为好友；carol 被 alice 拉黑后不能申请）
        String toBob = "{\"user_id\":" + bob.userId() + ",\"note\":\"hi bob\"}";
        String fr = exchange(alice, "POST", "/api/v1/friend-requests", Map.of(), toBob, alice.accessToken(), 201)
                .body().path("request").path("id").asText();
        exchange(alice, "POST", "/api/v1/friend-requests", Map.of(), toBob, alice.accessToken(), 200);
        exchange(alice, "POST", "/api/v1/friend-requests", Map.of(), "{\"user_id\":" + alice.userId() + "}", alice.accessToken(), 400);
        exchange(alice, "POST", "/api/v1/friend-requests", Map.of(), "{\"user_id\":987654321987}", alice.accessToken(), 404);
        exchange(bob, "GET", "/api/v1/friend-requests", Map.of(), null, bob.accessToken(), 200);
        exchange(alice, "GET", "/api/v1/friend-requests", Map.of("box", "outgoing", "limit", "10"), null, alice.accessToken(), 200);
        responseOnly(alice, "GET", "/api/v1/friend-requests", Map.of("box", "all"), null, alice.accessToken(), 400);
        String frp = "/api/v1/friend-requests/" + fr;
        exchange(carol, "POST", frp + "/accept", Map.of(), null, carol.accessToken(), 404);
        exchange(alice, "POST", frp + "/accept", Map.of(), null, alice.accessToken(), 403);
        exchange(bob, "POST", frp + "/accept", Map.of(), null, bob.accessToken(), 200);
        exchange(bob, "POST", frp + "/accept", Map.of(), null, bob.accessToken(), 409);
        exchange(alice, "POST", "/api/v1/friend-requests", Map.of(), toBob, alice.accessToken(), 409);
        String toCarol = "{\"user_id\":" + carol.userId() + "}";
        String fr2 = "/api/v1/friend-requests/" + exchange(alice, "POST", "/api/v1/friend-requests", Map.of(), toCarol,
                alice.accessToken(), 201).body().path("request").path("id").asText();
        exchange(alice, "POST", fr2 + "/reject", Map.of(), null, alice.accessToken(), 403);
        exchange(carol, "POST", fr2 + "/reject", Map.of(), null, carol.accessToken(), 200);
        exchange(carol, "POST", fr2 + "/reject", Map.of(), null, carol.accessToken(), 409);
        String fr3 = "/api/v1/friend-requests/" + exchange(alice, "POST", "/api/v1/friend-requests", Map.of(), toCarol,
                alice.accessToken(), 201).body().path("request").path("id").asText();
        exchange(carol, "POST", fr3 + "/cancel", Map.of(), null, carol.accessToken(), 403);
        exchange(alice, "POST", fr3 + "/cancel", Map.of(), null, alice.accessToken(), 200);
        exchange(alice, "POST", fr3 + "/cancel", Map.of(), null, alice.accessToken(), 409);
        exchange(alice, "GET", "/api/v1/friends", Map.of(), null, alice.accessToken(), 200);
        exchange(alice, "GET", "/api/v1/friends", Map.of("after_user_id", "0", "limit", "5"), null, alice.accessToken(), 200);
        responseOnly(alice, "GET", "/api/v1/friends", Map.of("limit", "0"), null, alice.accessToken(), 400);
        exchange(alice, "PUT", "/api/v1/friends/" + bob.userId(), Map.of(), "{\"remark\":\"Bobby\"}", alice.accessToken(), 200);
        exchange(alice, "PUT", "/api/v1/friends/" + carol.userId(), Map.of(), "{\"remark\":\"x\"}", alice.accessToken(), 403);
        exchange(alice, "DELETE", "/api/v1/friends/" + carol.userId(), Map.of(), null, alice.accessToken(), 403);
        exchange(alice, "DELETE", "/api/v1/friends/" + bob.userId(), Map.of(), null, alice.accessToken(), 204);
        exchange(alice, "PUT", "/api/v1/blocks/" + carol.userId(), Map.of(), null, alice.accessToken(), 204);
        exchange(alice, "PUT", "/api/v1/blocks/987654321987", Map.of(), null, alice.accessToken(), 404);
        exchange(alice, "PUT", "/api/v1/blocks/" + alice.userId(), Map.of(), null, alice.accessToken(), 400);
        exchange(carol, "POST", "/api/v1/friend-requests", Map.of(), "{\"user_id\":" + alice.userId() + "}", carol.accessToken(), 403);
        exchange(alice, "GET", "/api/v1/blocks", Map.of(), null, alice.accessToken(), 200);
        responseOnly(alice, "GET", "/api/v1/blocks", Map.of("limit", "501"), null, alice.accessToken(), 400);
        exchange(alice, "DELETE", "/api/v1/blocks/" + carol.userId(), Map.of(), null, alice.accessToken(), 204);
        responseOnly(alice, "DELETE", "/api/v1/blocks/0", Map.of(), null, alice.accessToken(), 400);

        // 撤回与编辑（bob 是单聊另一方，carol 是外人）
        String editId;
        String recallId;
        try (WsConnection ws = alice.connect()) {
            editId = ws.awaitAck(ws.sendMessage(conv, "edit me")).path("data").path("message_id").asText();
            recallId = ws.awaitAck(ws.sendMessage(conv, "recall me")).path("data").path("message_id").asText();
        }
        String mp = "/api/v1/conversations/" + conv + "/messages/";
        exchange(alice, "PATCH", mp + editId, Map.of(), "{\"content\":\"edited\"}", alice.accessToken(), 200);
        exchange(alice, "PATCH", mp + editId, Map.of(), "{\"content\":\"  \"}", alice.accessToken(), 400);
        exchange(bob, "PATCH", mp + editId, Map.of(), "{\"content\":\"hijack\"}", bob.accessToken(), 403);
        exchange(carol, "PATCH", mp + editId, Map.of(), "{\"content\":\"x\"}", carol.accessToken(), 403);
        exchange(alice, "PATCH", mp + "987654321987", Map.of(), "{\"content\":\"x\"}", alice.accessToken(), 404);
        exchange(bob, "POST", mp + editId + "/recall", Map.of(), null, bob.accessToken(), 403);
        exchange(alice, "POST", mp + recallId + "/recall", Map.of(), null, alice.accessToken(), 200);
        exchange(alice, "POST", mp + recallId + "/recall", Map.of(), null, alice.accessToken(), 200);
        exchange(bob, "POST", mp + recallId + "/recall", Map.of(), null, bob.accessToken(), 409);
        exchange(alice, "PATCH", mp + recallId, Map.of(), "{\"content\":\"x\"}", alice.accessToken(), 409);
        exchange(alice, "POST", mp + "987654321987/recall", Map.of(), null, alice.accessToken(), 404);
        responseOnly(alice, "POST", mp + "abc/recall", Map.of(), null, alice.accessToken(), 400);

        // 用户资料：自己的资料、修改、按 ID 查公开资料
        exchange(alice, "GET", "/api/v1/users/me", Map.of(), null, alice.accessToken(), 200);
        exchange(alice, "PUT", "/api/v1/users/me", Map.of(),
                json(Map.of("nickname", "Alice OA", "avatar_url", "https://cdn.example.com/a.png")), alice.accessToken(), 200);
        exchange(alice, "PUT", "/api/v1/users/me", Map.of(), json(Map.of("avatar_url", "ftp://example.com/a.png")), alice.accessToken(), 400);
        exchange(bob, "GET", "/api/v1/users/" + alice.userId(), Map.of(), null, bob.accessToken(), 200);
        exchange(bob, "GET", "/api/v1/users/987654321987", Map.of(), null, bob.accessToken(), 404);
        responseOnly(bob, "GET", "/api/v1/users/0", Map.of(), null, bob.accessToken(), 400);

        // 推送令牌：登记、删除、坏平台、删别人的设备
        String pushBody = json(Map.of("platform", "fcm", "token", "oa-token-" + alice.userId(), "device_id", "web-1"));
        exchange(alice, "PUT", "/api/v1/push-tokens", Map.of(), pushBody, alice.accessToken(), 204);
        responseOnly(alice, "PUT", "/api/v1/push-tokens", Map.of(),
                json(Map.of("platform", "wns", "token", "t", "device_id", "web-1")), alice.accessToken(), 400);
        exchange(carol, "DELETE", "/api/v1/push-tokens/web-1", Map.of(), null, carol.accessToken(), 404);
        exchange(alice, "DELETE", "/api/v1/push-tokens/web-1", Map.of(), null, alice.accessToken(), 204);

        // 我的设备：alice 以 web-1 登录过；列出、别人登出不了、远程登出
        exchange(alice, "GET", "/api/v1/users/me/devices", Map.of(), null, alice.accessToken(), 200);
        exchange(carol, "DELETE", "/api/v1/users/me/devices/web-1", Map.of(), null, carol.accessToken(), 404);
        exchange(alice, "DELETE", "/api/v1/users/me/devices/web-1", Map.of(), null, alice.accessToken(), 204);
        exchange(alice, "DELETE", "/api/v1/users/me/devices/web-1", Map.of(), null, alice.accessToken(), 404);

        // 管理后台（issue #14 第 4 项）：管理员令牌；用户令牌 403、无令牌 401
        ImClient.Response adminLogin = exchange(alice, "POST", "/api/v1/admin/login", Map.of(),
                json(Map.of("username", SystemUnderTest.ADMIN_USERNAME, "password", SystemUnderTest.ADMIN_PASSWORD)), null, 200);
        String adminToken = adminLogin.body().path("access_token").asText();
        exchange(alice, "POST", "/api/v1/admin/login", Map.of(),
                json(Map.of("username", SystemUnderTest.ADMIN_USERNAME, "password", "wrong-password-1")), null, 401);
        exchange(alice, "GET", "/api/v1/admin/users", Map.of("q", aliceName, "limit", "10"), null, adminToken, 200);
        exchange(alice, "GET", "/api/v1/admin/users", Map.of(), null, alice.accessToken(), 403);
        responseOnly(alice, "GET", "/api/v1/admin/users", Map.of(), null, null, 401);
        responseOnly(alice, "GET", "/api/v1/admin/users", Map.of("limit", "0"), null, adminToken, 400);
        exchange(alice, "POST", "/api/v1/admin/users/" + carol.userId() + "/ban", Map.of(), "{\"reason\":\"oa\"}", adminToken, 200);
        exchange(alice, "POST", "/api/v1/admin/users/987654321987/ban", Map.of(), "{}", adminToken, 404);
        exchange(alice, "DELETE", "/api/v1/admin/users/" + carol.userId() + "/ban", Map.of(), null, adminToken, 200);
        JsonNode adminGroup = exchange(alice, "POST", "/api/v1/groups", Map.of(), "{\"name\":\"oa admin\"}", alice.accessToken(), 201).body();
        String ag = "/api/v1/admin/groups/" + adminGroup.path("id").asText();
        exchange(alice, "DELETE", ag, Map.of(), null, adminToken, 200);
        exchange(alice, "DELETE", ag, Map.of(), null, adminToken, 409);
        exchange(alice, "DELETE", "/api/v1/admin/groups/987654321987", Map.of(), null, adminToken, 404);
        exchange(alice, "GET", "/api/v1/admin/sensitive-words", Map.of(), null, adminToken, 200);
        exchange(alice, "POST", "/api/v1/admin/sensitive-words", Map.of(), "{\"words\":[\"oa-word\"]}", adminToken, 200);
        exchange(alice, "DELETE", "/api/v1/admin/sensitive-words/oa-word", Map.of(), null, adminToken, 200);
        responseOnly(alice, "POST", "/api/v1/admin/sensitive-words", Map.of(), "{\"words\":[]}", adminToken, 400);
        SystemUnderTest.get().auditFunction();
        String flagged;
        try (WsConnection ws = bob.connect()) {
            flagged = ws.awaitAck(ws.sendMessage(conv, "gambling in openapi")).path("data").path("message_id").asText();
        }
        String[] hitId = new String[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(300))
                .until(() -> {
                    for (JsonNode h : send(alice, "GET", "/api/v1/admin/audit-hits", Map.of("conversation_id", conv), null, adminToken)
                            .body().path("hits")) {
                        if (flagged.equals(h.path("message_id").asText())) {
                            hitId[0] = h.path("id").asText();
                            return true;
                        }
                    }
                    return false;
                });
        exchange(alice, "GET", "/api/v1/admin/audit-hits", Map.of("status", "unreviewed", "conversation_id", conv, "limit", "5"),
                null, adminToken, 200);
        exchange(alice, "POST", "/api/v1/admin/audit-hits/" + hitId[0] + "/review", Map.of(), "{\"verdict\":\"confirmed\"}", adminToken, 200);
        exchange(alice, "POST", "/api/v1/admin/audit-hits/987654321987/review", Map.of(), "{\"verdict\":\"dismissed\"}", adminToken, 404);
        exchange(alice, "GET", "/api/v1/admin/figures", Map.of(), null, adminToken, 200);
        exchange(alice, "GET", "/api/v1/admin/actions", Map.of("limit", "5"), null, adminToken, 200);

        // 文件与图片（issue #14 第 3 项）：申请上传、直传对象存储、complete、下载；上限、类型、越权与未完成
        String files = "/api/v1/conversations/" + conv + "/files";
        byte[] text = "openapi file".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        JsonNode upload = exchange(alice, "POST", files, Map.of(),
                "{\"name\":\"oa.txt\",\"mime_type\":\"text/plain\",\"size\":" + text.length + ",\"kind\":\"file\"}", alice.accessToken(), 201).body();
        String fileId = upload.path("file").path("file_id").asText();
        exchange(alice, "POST", files + "/" + fileId + "/complete", Map.of(), null, alice.accessToken(), 409);
        try {
            HttpResponse<Void> put = ImClient.HTTP.send(HttpRequest.newBuilder(URI.create(upload.path("upload_url").asText()))
                    .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofByteArray(text)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(200, put.statusCode(), "upload to object storage");
        } catch (Exception e) {
            throw new AssertionError("upload to object storage failed", e);
        }
        exchange(alice, "POST", files + "/" + fileId + "/complete", Map.of(), null, alice.accessToken(), 200);
        exchange(bob, "GET", files + "/" + fileId, Map.of(), null, bob.accessToken(), 200);
        exchange(bob, "GET", files + "/" + fileId, Map.of("variant", "thumbnail"), null, bob.accessToken(), 404);
        // 非成员（carol 在上面被封禁过，会话已吊销：换一个新用户）
        ImClient outsider = register("oaf");
        exchange(outsider, "GET", files + "/" + fileId, Map.of(), null, outsider.accessToken(), 403);
        exchange(alice, "POST", files, Map.of(),
                "{\"name\":\"big.png\",\"mime_type\":\"image/png\",\"size\":10485761,\"kind\":\"image\"}", alice.accessToken(), 413);
        exchange(alice, "POST", files, Map.of(),
                "{\"name\":\"a.html\",\"mime_type\":\"text/html\",\"size\":1,\"kind\":\"file\"}", alice.accessToken(), 415);
        responseOnly(alice, "POST", files, Map.of(),
                "{\"name\":\"a.txt\",\"mime_type\":\"text/plain\",\"size\":1,\"kind\":\"video\"}", alice.accessToken(), 400);

        // 登出：204，之后同一令牌 401
        exchange(bob, "DELETE", "/api/v1/auth/logout", Map.of(), null, bob.accessToken(), 204);
        responseOnly(bob, "DELETE", "/api/v1/auth/logout", Map.of(), null, bob.accessToken(), 401);

        // 描述中的每个操作都至少有一个成功响应被校验过
        Set<String> operations = operations();
        Set<String> calledOk = covered.stream().filter(c -> c.endsWith(" 2xx")).map(c -> c.substring(0, c.length() - 4))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(operations);
        missing.removeAll(calledOk);
        assertTrue(missing.isEmpty(), "operations never called successfully: " + missing);
    }

    private static ImClient register(String prefix) {
        // 注册本身也按描述校验（201）
        ImClient c = ImClient.register(GATEWAY_A, prefix);
        exchange(c, "POST", "/api/v1/auth/register", Map.of(),
                json(Map.of("username", c.username() + "x", "password", "correct-horse-9")), null, 201);
        return c;
    }

    /** 发请求，校验请求与响应都符合描述，并断言状态码。 */
    private static ImClient.Response exchange(ImClient c, String method, String path, Map<String, String> query,
                                              String body, String token, int expectedStatus) {
        ImClient.Response r = send(c, method, path, query, body, token);
        assertEquals(expectedStatus, r.status(), method + " " + path + " -> " + r.raw());
        SimpleRequest.Builder req = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
        query.forEach(req::withQueryParam);
        if (token != null) {
            req.withAuthorization("Bearer " + token);
        }
        if (body != null) {
            req.withContentType("application/json").withBody(body);
        }
        report(method, path, r, validator.validate(req.build(), response(r)));
        return r;
    }

    /** 请求本身故意不合描述（坏 JSON、缺令牌、越界参数）：只校验响应。 */
    private static ImClient.Response responseOnly(ImClient c, String method, String path, Map<String, String> query,
                                                  String body, String token, int expectedStatus) {
        ImClient.Response r = send(c, method, path, query, body, token);
        assertEquals(expectedStatus, r.status(), method + " " + path + " -> " + r.raw());
        report(method, path, r, validator.validateResponse(path, Request.Method.valueOf(method), response(r)));
        return r;
    }

    private static ImClient.Response send(ImClient c, String method, String path, Map<String, String> query, String body, String token) {
        String qs = query.entrySet().stream().map(e -> e.getKey() + "=" + ImClient.enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return c.raw(method, qs.isEmpty() ? path : path + "?" + qs, body, token);
    }

    private static SimpleResponse response(ImClient.Response r) {
        SimpleResponse.Builder b = SimpleResponse.Builder.status(r.status());
        if (r.raw() != null && !r.raw().isEmpty()) {
            b.withContentType("application/json").withBody(r.raw());
        }
        return b.build();
    }

    private static void report(String method, String path, ImClient.Response r, ValidationReport report) {
        List<String> errors = new ArrayList<>();
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR) {
                errors.add(m.getKey() + ": " + m.getMessage());
            }
        }
        assertTrue(errors.isEmpty(), method + " " + path + " " + r.status() + " " + r.raw() + " does not match the OpenAPI: " + errors);
        covered.add(method + " " + templateOf(path) + (r.status() < 300 ? " 2xx" : " " + r.status()));
    }

    /** 把实际路径还原成描述中的模板路径（与 operations() 的键比较）。 */
    private static String templateOf(String path) {
        for (String op : operations()) {
            String template = op.substring(op.indexOf(' ') + 1);
            String regex = template.replaceAll("\\{[^/]+}", "[^/]+");
            if (path.matches(regex)) {
                return template;
            }
        }
        return path;
    }

    /** 描述中的全部操作：“方法 模板路径”。 */
    @SuppressWarnings("unchecked")
    private static Set<String> operations() {
        Map<String, Object> doc = new org.yaml.snakeyaml.Yaml().load(spec);
        Set<String> ops = new TreeSet<>();
        ((Map<String, Map<String, Object>>) doc.get("paths")).forEach((p, methods) -> methods.keySet().forEach(m -> {
            if (Set.of("get", "post", "put", "delete", "patch").contains(m)) {
                ops.add(m.toUpperCase() + " " + p);
            }
        }));
        return ops;
    }

    private static String json(Map<String, String> fields) {
        ObjectNode n = ImClient.JSON.createObjectNode();
        new LinkedHashMap<>(fields).forEach(n::put);
        return n.toString();
    }
}
