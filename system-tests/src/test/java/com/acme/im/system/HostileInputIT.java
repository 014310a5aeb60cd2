package com.acme.im.system;

import com.acme.im.testsupport.RawUpgrade;
import com.acme.im.testsupport.AppProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import static com.acme.im.system.SystemUnderTest.GATEWAY_A;
import static com.acme.im.system.SystemUnderTest.GATEWAY_B;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 敌意输入矩阵（issue #10）：坏令牌、越权调用、坏帧、坏请求体、超限洪泛。
 * 每个用例都得到文档中的错误码；从不 5xx，从不断开 WebSocket 处理循环，从不返回别人的数据。
 * 错误码见 docs/websocket-protocol.md、docs/architecture.md 与生成的 OpenAPI。
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** 洪泛测试用的第三个网关：默认限流参数（20/s、突发 40、每用户 5 个连接）。 */
    private static final int GATEWAY_D = 8186;
    private static final int GATEWAY_D_MANAGEMENT = 9186;

    /** 受害者会话里的机密文本：任何越权响应都不得包含它。 */
    private final String secret = "secret" + UUID.randomUUID().toString().replace("-", "");
    private final String groupSecret = "gsecret" + UUID.randomUUID().toString().replace("-", "");

    private ImClient alice;   // 群主、单聊一方
    private ImClient bob;     // 单聊另一方、普通群成员
    private ImClient dave;    // 普通群成员
    private ImClient carol;   // 外人
    private ImClient erin;    // 被邀请的目标
    private String single;    // s_alice_bob
    private String bobDave;   // s_bob_dave：alice 与 carol 都不在
    private long groupId;
    private String groupConv;
    /** bob 与 dave 单聊里的一条消息：别的会话里的回复不得引用它（3006）。 */
    private String bobDaveMessageId;
    private final Map<String, String> badTokens = new LinkedHashMap<>();

    @BeforeAll
    void fixtures() throws Exception {
        SystemUnderTest.get();
        alice = ImClient.register(GATEWAY_A, "h_alice");
        bob = ImClient.register(GATEWAY_B, "h_bob");
        dave = ImClient.register(GATEWAY_A, "h_dave");
        carol = ImClient.register(GATEWAY_A, "h_carol");
        erin = ImClient.register(GATEWAY_B, "h_erin");
        single = alice.openSingle(bob.userId());
        bobDave = bob.openSingle(dave.userId());
        JsonNode group = alice.createGroup("hostile", bob.userId(), dave.userId()).expect(201).body();
        groupId = group.path("id").asLong();
        groupConv = group.path("conversation_id").asText();
        try (WsConnection ws = alice.connect()) {
            assertFalse(ws.awaitAck(ws.sendMessage(single, secret)).path("data").has("error_code"));
            assertFalse(ws.awaitAck(ws.sendMessage(groupConv, groupSecret)).path("data").has("error_code"));
        }
        try (WsConnection ws = bob.connect()) {
            JsonNode bdAck = ws.awaitAck(ws.sendMessage(bobDave, secret + " bd"));
            assertFalse(bdAck.path("data").has("error_code"));
            bobDaveMessageId = bdAck.path("data").path("message_id").asText();
        }
        // alice 另有一台登记了推送令牌的手机：外人既登出不了它，也删不掉它的令牌（404/1004，不泄露其存在）
        ImClient alicePhone = alice.loginOn(GATEWAY_A, "hx-phone-" + alice.userId());
        alicePhone.call("PUT", "/api/v1/push-tokens", ImClient.JSON.createObjectNode().put("platform", "fcm")
                .put("token", "hx-token-" + alice.userId()).put("device_id", "hx-phone-" + alice.userId()), true).expect(204);
        buildBadTokens();
    }

    // ---------------------------------------------------------------- (1) 令牌

    private void buildBadTokens() throws Exception {
        String valid = alice.accessToken();
        String[] parts = valid.split("\\.");
        JWTClaimsSet claims = SignedJWT.parse(valid).getJWTClaimsSet();
        byte[] sutKey = SystemUnderTest.JWT_SECRET.getBytes(StandardCharsets.UTF_8);
        byte[] wrongKey = new byte[64];
        new SecureRandom().nextBytes(wrongKey);
        Instant now = Instant.now();

        badTokens.put("missing", null);
        badTokens.put("garbage", "not-a-jwt");
        badTokens.put("three garbage parts", "a.b.c");
        String noneHeader = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        badTokens.put("alg=none, empty signature", noneHeader + "." + parts[1] + ".");
        badTokens.put("alg=none, original signature", noneHeader + "." + parts[1] + "." + parts[2]);
        badTokens.put("alg=None (case variant)", b64("{\"alg\":\"None\"}") + "." + parts[1] + ".");
        badTokens.put("wrong key", sign(claims, wrongKey, JWSAlgorithm.HS256));
        badTokens.put("expired", sign(new JWTClaimsSet.Builder(claims)
                .issueTime(Date.from(now.minusSeconds(7200))).expirationTime(Date.from(now.minusSeconds(60))).build(),
                sutKey, JWSAlgorithm.HS256));
        badTokens.put("no exp", sign(new JWTClaimsSet.Builder(claims).expirationTime(null).build(), sutKey, JWSAlgorithm.HS256));
        badTokens.put("wrong issuer", sign(new JWTClaimsSet.Builder(claims).issuer("evil").build(), sutKey, JWSAlgorithm.HS256));
        badTokens.put("HS512 with the right key", sign(claims, sutKey, JWSAlgorithm.HS512));
        badTokens.put("unknown session", sign(new JWTClaimsSet.Builder(claims).claim("sid", UUID.randomUUID().toString()).build(),
                sutKey, JWSAlgorithm.HS256));
        badTokens.put("another user's session", sign(new JWTClaimsSet.Builder(claims)
                .subject(Long.toString(bob.userId())).build(), sutKey, JWSAlgorithm.HS256));
        badTokens.put("non-numeric sub", sign(new JWTClaimsSet.Builder(claims).subject("admin").build(), sutKey, JWSAlgorithm.HS256));
        // 改 sub 不重签：签名不再匹配
        ObjectNode payload = (ObjectNode) ImClient.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        payload.put("sub", Long.toString(bob.userId()));
        badTokens.put("tampered sub", parts[0] + "." + b64(payload.toString()) + "." + parts[2]);
        // 另一个会话登出后的令牌
        ImClient loggedOut = alice.loginOn(GATEWAY_A);
        loggedOut.call("DELETE", "/api/v1/auth/logout", null, true).expect(200, 204);
        badTokens.put("revoked (logged out)", loggedOut.accessToken());
        badTokens.put("refresh token as access token", alice.refreshToken());
    }

    Stream<Arguments> badTokenNames() {
        return badTokens.keySet().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "REST with {0} token -> 401/1002")
    @MethodSource("badTokenNames")
    void badTokenOnRest(String name) {
        String token = badTokens.get(name);
        for (String path : List.of("/api/v1/conversations", "/api/v1/conversations/" + single + "/messages",
                "/api/v1/groups/" + groupId + "/members")) {
            ImClient.Response r = alice.raw("GET", path, null, token);
            assertError(r, 401, 1002);
            assertNoLeak(r);
        }
        // 写接口同样拒绝，且没有副作用
        ImClient.Response create = alice.raw("POST", "/api/v1/groups", "{\"name\":\"should-not-exist\"}", token);
        assertError(create, 401, 1002);
    }

    @ParameterizedTest(name = "WebSocket upgrade with {0} token -> 401/1002")
    @MethodSource("badTokenNames")
    void badTokenOnWebSocketUpgrade(String name) {
        String token = badTokens.get(name);
        String query = token == null ? "/ws" : "/ws?token=" + ImClient.enc(token);
        assertUpgradeRefused(RawUpgrade.attempt(GATEWAY_A, query, null), 401, 1002, name + " via ?token=");
        assertUpgradeRefused(RawUpgrade.attempt(GATEWAY_B, "/ws", token), 401, 1002, name + " via Authorization");
    }

    @Test
    void validTokenControlsAndQueryTokenIsIgnoredOnRest() {
        // 对照：同一令牌本身有效
        alice.call("GET", "/api/v1/conversations", null, true).expect(200);
        assertEquals(101, RawUpgrade.attempt(GATEWAY_A, "/ws?token=" + ImClient.enc(alice.accessToken()), null).status());
        // REST 不接受查询参数里的令牌（只有 /ws 接受）
        assertError(alice.raw("GET", "/api/v1/conversations?token=" + ImClient.enc(alice.accessToken()), null, null), 401, 1002);
    }

    // ---------------------------------------------------------------- (2) 越权

    Stream<Arguments> forbiddenRoutes() {
        String history = "/api/v1/conversations/%s/messages";
        String read = "/api/v1/conversations/%s/read";
        String members = "/api/v1/groups/" + groupId + "/members";
        long missingGroup = 987_654_321L;
        return Stream.of(
                row("outsider reads 1:1 history", carol, "GET", history.formatted(single), null, 403, 1003),
                row("outsider reads 1:1 history after_seq=0", carol, "GET", history.formatted(single) + "?after_seq=0", null, 403, 1003),
                row("outsider reads others' 1:1 history", alice, "GET", history.formatted(bobDave), null, 403, 1003),
                row("outsider reads group history", carol, "GET", history.formatted(groupConv), null, 403, 4001),
                row("outsider marks 1:1 read", carol, "POST", read.formatted(single), "{\"seq\":1}", 403, 1003),
                row("outsider marks group read", carol, "POST", read.formatted(groupConv), "{\"seq\":1}", 403, 4001),
                row("outsider lists group members", carol, "GET", members, null, 403, 4001),
                row("outsider invites into group", carol, "POST", members, "{\"user_ids\":[" + erin.userId() + "]}", 403, 4001),
                row("outsider removes a member", carol, "DELETE", members + "/" + bob.userId(), null, 403, 4001),
                row("outsider leaves a group it is not in", carol, "DELETE", members + "/" + carol.userId(), null, 403, 4001),
                row("member (not admin) removes a member", bob, "DELETE", members + "/" + dave.userId(), null, 403, 1003),
                row("member removes the owner", bob, "DELETE", members + "/" + alice.userId(), null, 403, 1003),
                row("owner leaves while members remain", alice, "DELETE", members + "/" + alice.userId(), null, 403, 1003),
                row("member removes a non-member", bob, "DELETE", members + "/" + carol.userId(), null, 403, 4001),
                row("outsider searches in 1:1", carol, "GET", "/api/v1/search/messages?q=" + secret + "&conversation_id=" + single, null, 403, 1003),
                row("outsider searches in group", carol, "GET", "/api/v1/search/messages?q=" + groupSecret + "&conversation_id=" + groupConv, null, 403, 1003),
                row("members of a missing group", carol, "GET", "/api/v1/groups/" + missingGroup + "/members", null, 404, 4000),
                row("join a missing group", carol, "POST", "/api/v1/groups/" + missingGroup + "/members", "{}", 404, 4000),
                row("remove from a missing group", carol, "DELETE", "/api/v1/groups/" + missingGroup + "/members/" + bob.userId(), null, 404, 4000),
                row("info of a missing group", carol, "GET", "/api/v1/groups/" + missingGroup, null, 404, 4000),
                row("history of a missing group", carol, "GET", history.formatted("g_" + missingGroup), null, 404, 4000),
                row("sign out a device of another user", carol, "DELETE", "/api/v1/users/me/devices/hx-phone-" + alice.userId(), null, 404, 1004),
                row("remove a push token of another user", carol, "DELETE", "/api/v1/push-tokens/hx-phone-" + alice.userId(), null, 404, 1004),
                // 文件与图片：上传、下载都先查成员；complete 只认上传者本人（别人的与不存在的都是 6000）
                row("outsider uploads into 1:1", carol, "POST", "/api/v1/conversations/" + single + "/files",
                        "{\"name\":\"x.png\",\"mime_type\":\"image/png\",\"size\":10,\"kind\":\"image\"}", 403, 1003),
                row("outsider uploads into group", carol, "POST", "/api/v1/conversations/" + groupConv + "/files",
                        "{\"name\":\"x.png\",\"mime_type\":\"image/png\",\"size\":10,\"kind\":\"image\"}", 403, 4001),
                row("outsider downloads from 1:1", carol, "GET", "/api/v1/conversations/" + single + "/files/" + "ab".repeat(16), null, 403, 1003),
                row("outsider downloads a group thumbnail", carol, "GET", "/api/v1/conversations/" + groupConv + "/files/" + "ab".repeat(16) + "?variant=thumbnail", null, 403, 4001),
                row("complete a file that is not yours", carol, "POST", "/api/v1/conversations/" + single + "/files/" + "ab".repeat(16) + "/complete", null, 404, 6000));
    }

    private static Arguments row(String name, ImClient caller, String method, String path, String body, int status, int code) {
        return Arguments.of(name, caller, method, path, body, status, code);
    }

    @ParameterizedTest(name = "{0} -> {5}/{6}")
    @MethodSource("forbiddenRoutes")
    void forbiddenRouteGetsDocumentedCodeAndNoData(String name, ImClient caller, String method, String path, String body,
                                                   int status, int code) {
        ImClient.Response r = caller.raw(method, path, body, caller.accessToken());
        assertError(r, status, code);
        assertNoLeak(r);
    }

    @Test
    void groupStateUnchangedByTheForbiddenCalls() {
        // limit=200 是文档给出的上限，仍然有效
        JsonNode members = alice.call("GET", "/api/v1/groups/" + groupId + "/members?limit=200", null, true).expect(200).body();
        List<String> ids = new ArrayList<>();
        members.path("members").forEach(m -> ids.add(m.path("user_id").asText()));
        assertEquals(List.of(alice.userId(), bob.userId(), dave.userId()).stream().map(String::valueOf).sorted().toList(),
                ids.stream().sorted().toList(), members.toString());
    }

    @Test
    void allowedCallsOfAnOutsiderShowNothingPrivate() {
        // 群信息对外人可见，但没有角色、没有消息
        JsonNode info = carol.call("GET", "/api/v1/groups/" + groupId, null, true).expect(200).body();
        assertFalse(info.has("my_role"), info.toString());
        assertNoLeak(carol.call("GET", "/api/v1/groups/" + groupId, null, true));
        // 外人的会话列表里没有别人的会话
        ImClient.Response list = carol.call("GET", "/api/v1/conversations?page_size=100", null, true).expect(200);
        assertFalse(list.raw().contains(single) || list.raw().contains(groupConv) || list.raw().contains(bobDave), list.raw());
        assertNoLeak(list);
        // 全文搜索：等索引里确实有这条（成员能搜到），外人同一查询一条也搜不到
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                alice.call("GET", "/api/v1/search/messages?q=" + secret, null, true).expect(200).raw().contains(secret));
        ImClient.Response search = carol.call("GET", "/api/v1/search/messages?q=" + secret, null, true).expect(200);
        assertEquals(0, search.body().path("hits").size(), search.raw());
        assertNoLeak(search);
        // 按 ID 看别人只有公开资料；自己的设备列表里没有别人的设备与令牌
        JsonNode profile = carol.call("GET", "/api/v1/users/" + alice.userId(), null, true).expect(200).body();
        java.util.List<String> fields = new java.util.ArrayList<>();
        profile.fieldNames().forEachRemaining(fields::add);
        assertEquals(java.util.List.of("id", "username", "nickname", "avatar_url", "created_at"), fields, profile.toString());
        ImClient.Response devices = carol.call("GET", "/api/v1/users/me/devices", null, true).expect(200);
        assertFalse(devices.raw().contains("hx-phone") || devices.raw().contains("hx-token"), devices.raw());
    }

    @Test
    void outsiderSocketCannotWriteReadOrOverhear() {
        try (WsConnection c = carol.connect(); WsConnection b = bob.connect()) {
            carol.awaitOnline(carol.userId(), bob.userId());
            assertEquals(1003, c.awaitAck(c.sendMessage(single, "intrude")).path("data").path("error_code").asInt());
            assertEquals(4001, c.awaitAck(c.sendMessage(groupConv, "intrude")).path("data").path("error_code").asInt());
            c.sendText("{\"type\":\"read\",\"message_id\":\"r-1\",\"data\":{\"conversation_id\":\"" + single + "\",\"seq\":1}}");
            assertEquals(1003, c.await("error", d -> true, WAIT).path("data").path("code").asInt());
            c.sendText("{\"type\":\"read\",\"message_id\":\"r-2\",\"data\":{\"conversation_id\":\"" + groupConv + "\",\"seq\":1}}");
            JsonNode groupRead = c.await("error", d -> c.framesOf("error").size() >= 2, WAIT);
            assertEquals(4001, c.framesOf("error").get(1).path("data").path("code").asInt(), groupRead.toString());
            // 另一用户发给 bob 的消息不会推给 carol
            String tail = secret + "-live";
            try (WsConnection a = alice.connect()) {
                String id = a.awaitAck(a.sendMessage(single, tail)).path("data").path("message_id").asText();
                b.await("new-message", d -> id.equals(d.path("message_id").asText()), WAIT);
            }
            c.sendText("{\"type\":\"ping\",\"message_id\":\"after\"}");
            c.await("pong", d -> true, WAIT);
            assertTrue(c.frames().stream().noneMatch(f -> f.toString().contains(secret)), c.frames().toString());
            assertFalse(c.isClosed());
        }
    }

    // ---------------------------------------------------------------- (3) 坏帧

    /** 一个坏帧用例：frame 由会话 ID 生成；viaAck 为 true 时错误在 message-ack 里（业务错误）。 */
    record FrameCase(String name, Function<HostileInputIT, String> frame, int code, String echoedMessageId, boolean viaAck) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static FrameCase err(String name, int code, String echoed, Function<HostileInputIT, String> frame) {
        return new FrameCase(name, frame, code, echoed, false);
    }

    private static String send(String messageId, String conv, String messageType, String content, String clientMsgId) {
        StringBuilder data = new StringBuilder("{");
        List<String> fields = new ArrayList<>();
        if (conv != null) {
            fields.add("\"conversation_id\":" + conv);
        }
        if (messageType != null) {
            fields.add("\"message_type\":" + messageType);
        }
        if (content != null) {
            fields.add("\"content\":" + content);
        }
        if (clientMsgId != null) {
            fields.add("\"client_msg_id\":" + clientMsgId);
        }
        data.append(String.join(",", fields)).append('}');
        return "{\"type\":\"send-message\",\"message_id\":\"" + messageId + "\",\"data\":" + data + "}";
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }

    static Stream<FrameCase> badFrames() {
        String cm = q("c-" + UUID.randomUUID());
        return Stream.of(
                err("malformed JSON", 1001, null, t -> "{not json"),
                err("empty text frame", 1001, null, t -> ""),
                err("JSON null", 1001, null, t -> "null"),
                err("JSON number", 1001, null, t -> "42"),
                err("JSON string", 1001, null, t -> "\"send-message\""),
                err("JSON array", 1001, null, t -> "[{\"type\":\"ping\"}]"),
                err("deeply nested JSON", 1001, null, t -> "[".repeat(3000) + "]".repeat(3000)),
                err("type is a number", 1001, "m1", t -> "{\"type\":42,\"message_id\":\"m1\"}"),
                err("type missing", 1001, "m2", t -> "{\"message_id\":\"m2\",\"data\":{}}"),
                err("unknown type", 1001, "m3", t -> "{\"type\":\"teleport\",\"message_id\":\"m3\"}"),
                err("type in upper case", 1001, "m4", t -> "{\"type\":\"SEND-MESSAGE\",\"message_id\":\"m4\"}"),
                err("server-only type", 1001, "m5", t -> "{\"type\":\"new-message\",\"message_id\":\"m5\",\"data\":{}}"),
                err("message_id is an object", 1001, null, t -> "{\"type\":\"ping\",\"message_id\":{\"a\":1}}"),
                err("message_id too long", 1001, null, t -> "{\"type\":\"ping\",\"message_id\":\"" + "i".repeat(65) + "\"}"),
                err("send without data", 1001, "m6", t -> "{\"type\":\"send-message\",\"message_id\":\"m6\"}"),
                err("send with data array", 1001, "m7", t -> "{\"type\":\"send-message\",\"message_id\":\"m7\",\"data\":[1]}"),
                err("client_msg_id missing", 1001, "s1", t -> send("s1", q(t.conv), "1", q("hi"), null)),
                err("client_msg_id a number", 1001, "s2", t -> send("s2", q(t.conv), "1", q("hi"), "7")),
                err("client_msg_id too long", 1001, "s3", t -> send("s3", q(t.conv), "1", q("hi"), q("x".repeat(65)))),
                err("client_msg_id with a space", 1001, "s4", t -> send("s4", q(t.conv), "1", q("hi"), q("a b"))),
                err("conversation_id missing", 1001, "s5", t -> send("s5", null, "1", q("hi"), cm)),
                err("conversation_id a number", 1001, "s6", t -> send("s6", "12", "1", q("hi"), cm)),
                err("conversation_id path traversal", 1001, "s7", t -> send("s7", q("../etc/passwd"), "1", q("hi"), cm)),
                err("message_type a string", 1001, "s8", t -> send("s8", q(t.conv), q("1"), q("hi"), cm)),
                err("message_type a fraction", 1001, "s9", t -> send("s9", q(t.conv), "1.5", q("hi"), cm)),
                err("message_type system (4)", 3002, "s10", t -> send("s10", q(t.conv), "4", q("hi"), cm)),
                err("message_type huge", 3002, "s11", t -> send("s11", q(t.conv), "99999999999999999999", q("hi"), cm)),
                err("content an object", 1001, "s12", t -> send("s12", q(t.conv), "1", "{\"text\":\"hi\"}", cm)),
                err("content a number", 1001, "s13", t -> send("s13", q(t.conv), "1", "5", cm)),
                err("content null", 1001, "s14", t -> send("s14", q(t.conv), "1", "null", cm)),
                err("content missing", 1001, "s15", t -> send("s15", q(t.conv), "1", null, cm)),
                err("content blank", 3002, "s16", t -> send("s16", q(t.conv), "1", q("   "), cm)),
                err("content 4097 characters", 3002, "s17", t -> send("s17", q(t.conv), "1", q("y".repeat(4097)), cm)),
                err("frame above 16 KB", 1006, null, t -> "{\"type\":\"ping\",\"message_id\":\"big\",\"pad\":\"" + "p".repeat(17_000) + "\"}"),
                err("read seq a string", 1001, "r1", t -> "{\"type\":\"read\",\"message_id\":\"r1\",\"data\":{\"conversation_id\":\"" + t.conv + "\",\"seq\":\"5\"}}"),
                err("read seq negative", 1001, "r2", t -> "{\"type\":\"read\",\"message_id\":\"r2\",\"data\":{\"conversation_id\":\"" + t.conv + "\",\"seq\":-1}}"),
                err("read seq a fraction", 1001, "r3", t -> "{\"type\":\"read\",\"message_id\":\"r3\",\"data\":{\"conversation_id\":\"" + t.conv + "\",\"seq\":1.5}}"),
                err("read seq above 2^63", 1001, "r4", t -> "{\"type\":\"read\",\"message_id\":\"r4\",\"data\":{\"conversation_id\":\"" + t.conv + "\",\"seq\":9223372036854775808}}"),
                err("read seq missing", 1001, "r5", t -> "{\"type\":\"read\",\"message_id\":\"r5\",\"data\":{\"conversation_id\":\"" + t.conv + "\"}}"),
                err("read without conversation", 1001, "r6", t -> "{\"type\":\"read\",\"message_id\":\"r6\",\"data\":{\"seq\":1}}"),
                err("read non-canonical conversation id", 1001, "r7", t -> "{\"type\":\"read\",\"message_id\":\"r7\",\"data\":{\"conversation_id\":\"s_02_1\",\"seq\":1}}"),
                err("read in others' conversation", 1003, "r8", t -> "{\"type\":\"read\",\"message_id\":\"r8\",\"data\":{\"conversation_id\":\"" + t.bobDave + "\",\"seq\":1}}"),
                err("typing without data", 1001, "t1", t -> "{\"type\":\"typing\",\"message_id\":\"t1\"}"),
                err("typing conversation a number", 1001, "t2", t -> "{\"type\":\"typing\",\"message_id\":\"t2\",\"data\":{\"conversation_id\":7}}"),
                err("typing non-canonical conversation id", 1001, "t3", t -> "{\"type\":\"typing\",\"message_id\":\"t3\",\"data\":{\"conversation_id\":\"s_02_1\"}}"),
                err("typing in others' conversation", 1003, "t4", t -> "{\"type\":\"typing\",\"message_id\":\"t4\",\"data\":{\"conversation_id\":\"" + t.bobDave + "\"}}"),
                err("typing in a group one is not in", 4001, "t5", t -> "{\"type\":\"typing\",\"message_id\":\"t5\",\"data\":{\"conversation_id\":\"" + t.groupConv + "\"}}"),
                err("reply_to a word", 1001, "s18", t -> send("s18", q(t.conv), "1", q("hi"), cm).replace("}}", ",\"reply_to\":\"abc\"}}")),
                err("reply_to zero", 1001, "s19", t -> send("s19", q(t.conv), "1", q("hi"), cm).replace("}}", ",\"reply_to\":0}}")),
                err("reply_to a fraction", 1001, "s20", t -> send("s20", q(t.conv), "1", q("hi"), cm).replace("}}", ",\"reply_to\":1.5}}")),
                new FrameCase("send into others' conversation", t -> send("a1", q(t.bobDave), "1", q("sneaky"), q("ack-1")), 1003, null, true),
                new FrameCase("send into a group one is not in", t -> send("a2", q(t.groupConv), "1", q("sneaky"), q("ack-2")), 4001, null, true),
                new FrameCase("send into a non-canonical 1:1 id", t -> send("a3", q("s_9_1"), "1", q("sneaky"), q("ack-3")), 1001, null, true),
                new FrameCase("reply quoting another conversation's message", t -> send("a4", q(t.conv), "1", q("quote"), q("ack-4"))
                        .replace("}}", ",\"reply_to\":\"" + t.bobDaveMessageId + "\"}}"), 3006, null, true),
                new FrameCase("reply quoting an unknown message", t -> send("a5", q(t.conv), "1", q("quote"), q("ack-5"))
                        .replace("}}", ",\"reply_to\":987654321987654}}"), 3006, null, true));
    }

    /** 坏帧用例里的会话（每个用例一个新用户与 bob 的单聊）。 */
    private String conv;

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFrames")
    void badFrameGetsItsErrorAndTheSameSocketKeepsWorking(FrameCase c) {
        ImClient u = ImClient.register(GATEWAY_A, "h_frames");
        conv = u.openSingle(bob.userId());
        try (WsConnection ws = u.connect()) {
            ws.sendText(c.frame().apply(this));
            if (c.viaAck()) {
                JsonNode ack = ws.await("message-ack", d -> d.has("error_code") || d.has("message_id"), WAIT);
                assertEquals(c.code(), ack.path("data").path("error_code").asInt(), ack.toString());
                assertFalse(ack.path("data").has("message_id"), "nothing stored: " + ack);
            } else {
                JsonNode error = ws.await("error", d -> true, WAIT);
                assertEquals(c.code(), error.path("data").path("code").asInt(), error.toString());
                if (c.echoedMessageId() != null) {
                    assertEquals(c.echoedMessageId(), error.path("message_id").asText(), "frame id echoed: " + error);
                }
                assertFalse(error.toString().contains("Exception"), "no internals: " + error);
            }
            assertFalse(ws.isClosed(), "socket closed after " + c.name());
            assertSocketAlive(ws, conv);
        }
    }

    /** 这一连接仍能发出消息（得到成功 ack）并回 pong：处理循环没有中断。 */
    private static void assertSocketAlive(WsConnection ws, String conversation) {
        JsonNode ack = ws.awaitAck(ws.sendMessage(conversation, "still alive"));
        assertFalse(ack.path("data").has("error_code"), ack.toString());
        String pingId = "alive-" + UUID.randomUUID().toString().substring(0, 8);
        ws.sendText("{\"type\":\"ping\",\"message_id\":\"" + pingId + "\"}");
        ws.await("pong", d -> true, WAIT);
        assertTrue(ws.framesOf("pong").stream().anyMatch(f -> pingId.equals(f.path("message_id").asText())));
        assertFalse(ws.isClosed());
    }

    @Test
    void binaryMessagesAreReadAsUtf8Text() {
        ImClient u = ImClient.register(GATEWAY_A, "h_binary");
        String c = u.openSingle(bob.userId());
        try (WsConnection ws = u.connect()) {
            // 文档：二进制消息按 UTF-8 文本处理，与文本帧相同
            ws.sendBinary("{\"type\":\"ping\",\"message_id\":\"bin\"}".getBytes(StandardCharsets.UTF_8));
            ws.await("pong", d -> true, WAIT);
            assertEquals("bin", ws.framesOf("pong").get(0).path("message_id").asText());
            // 非法 UTF-8 与任意字节：1001，连接保持
            ws.sendBinary(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x7b, (byte) 0xc3});
            JsonNode error = ws.await("error", d -> true, WAIT);
            assertEquals(1001, error.path("data").path("code").asInt(), error.toString());
            assertSocketAlive(ws, c);
        }
    }

    @Test
    void fragmentedMessageWithinTheLimitIsOneFrame() {
        ImClient u = ImClient.register(GATEWAY_A, "h_frag");
        String c = u.openSingle(bob.userId());
        try (WsConnection ws = u.connect()) {
            String cid = ImClient.newClientMsgId();
            String frame = send("frag", q(c), "1", q("fragmented hello"), q(cid));
            int third = frame.length() / 3;
            ws.sendFragments(List.of(frame.substring(0, third), frame.substring(third, 2 * third), frame.substring(2 * third)));
            assertFalse(ws.awaitAck(cid).path("data").has("error_code"));
            assertSocketAlive(ws, c);
        }
    }

    Stream<Arguments> oversizedMessages() {
        String pad = "{\"type\":\"ping\",\"pad\":\"" + "h".repeat(70_000) + "\"}";
        List<String> fragments = new ArrayList<>();
        for (int i = 0; i < pad.length(); i += 16_000) {
            fragments.add(pad.substring(i, Math.min(pad.length(), i + 16_000)));
        }
        return Stream.of(
                Arguments.of("one 70 KB message as the client sends it", List.of(pad)),
                Arguments.of("70 KB in 16 KB fragments", fragments),
                Arguments.of("1 MB in 16 KB fragments", java.util.Collections.nCopies(64, "x".repeat(16_000))));
    }

    @ParameterizedTest(name = "{0} -> close 1009, reconnect works")
    @MethodSource("oversizedMessages")
    void messageAboveTheHardLimitClosesWith1009(String name, List<String> fragments) throws Exception {
        ImClient u = ImClient.register(GATEWAY_A, "h_huge");
        String c = u.openSingle(bob.userId());
        try (WsConnection ws = u.connect()) {
            try {
                ws.sendFragments(fragments);
            } catch (RuntimeException e) {
                // 服务端关闭时客户端可能还在写剩余分片：写失败可以接受，关闭码才是断言对象
            }
            assertEquals(1009, ws.closedFuture().get(15, TimeUnit.SECONDS), name);
        }
        // 连接按文档关闭（1009）；同一用户立即重连并继续工作
        try (WsConnection ws = u.connect()) {
            assertSocketAlive(ws, c);
        }
    }

    // ---------------------------------------------------------------- (4) 坏请求体与参数

    static Stream<Arguments> badRequests() {
        String big = "{\"user_ids\":[" + "1,".repeat(40_000) + "1]}";
        return Stream.of(
                Arguments.of("open single: malformed JSON", "POST", "/api/v1/conversations/single", "{\"peer_user_id\":", 400, 1001),
                Arguments.of("open single: JSON array", "POST", "/api/v1/conversations/single", "[1]", 400, 1001),
                Arguments.of("open single: JSON null", "POST", "/api/v1/conversations/single", "null", 400, 1001),
                Arguments.of("open single: empty body", "POST", "/api/v1/conversations/single", "", 400, 1001),
                Arguments.of("open single: id missing", "POST", "/api/v1/conversations/single", "{}", 400, 1001),
                Arguments.of("open single: id a word", "POST", "/api/v1/conversations/single", "{\"peer_user_id\":\"abc\"}", 400, 1001),
                Arguments.of("open single: id an object", "POST", "/api/v1/conversations/single", "{\"peer_user_id\":{\"$gt\":0}}", 400, 1001),
                Arguments.of("open single: id overflows long", "POST", "/api/v1/conversations/single", "{\"peer_user_id\":99999999999999999999}", 400, 1001),
                Arguments.of("open single: id negative", "POST", "/api/v1/conversations/single", "{\"peer_user_id\":-5}", 400, 1001),
                Arguments.of("open single: id zero", "POST", "/api/v1/conversations/single", "{\"peer_user_id\":0}", 400, 1001),
                Arguments.of("open single: body above 64 KB", "POST", "/api/v1/conversations/single", "{\"peer_user_id\":1,\"pad\":\"" + "z".repeat(70_000) + "\"}", 413, 1006),
                Arguments.of("read: seq a word", "POST", "/api/v1/conversations/{single}/read", "{\"seq\":\"x\"}", 400, 1001),
                Arguments.of("read: seq missing", "POST", "/api/v1/conversations/{single}/read", "{}", 400, 1001),
                Arguments.of("read: seq negative", "POST", "/api/v1/conversations/{single}/read", "{\"seq\":-1}", 400, 1001),
                Arguments.of("read: no body", "POST", "/api/v1/conversations/{single}/read", null, 400, 1001),
                Arguments.of("read: bad conversation id", "POST", "/api/v1/conversations/bad!id/read", "{\"seq\":1}", 400, 1001),
                Arguments.of("history: limit 0", "GET", "/api/v1/conversations/{single}/messages?limit=0", null, 400, 1001),
                Arguments.of("history: limit negative", "GET", "/api/v1/conversations/{single}/messages?limit=-1", null, 400, 1001),
                Arguments.of("history: limit above 100", "GET", "/api/v1/conversations/{single}/messages?limit=101", null, 400, 1001),
                Arguments.of("history: limit a word", "GET", "/api/v1/conversations/{single}/messages?limit=all", null, 400, 1001),
                Arguments.of("history: before_seq negative", "GET", "/api/v1/conversations/{single}/messages?before_seq=-1", null, 400, 1001),
                Arguments.of("history: after_seq a word", "GET", "/api/v1/conversations/{single}/messages?after_seq=x", null, 400, 1001),
                Arguments.of("history: before and after", "GET", "/api/v1/conversations/{single}/messages?before_seq=5&after_seq=1", null, 400, 1001),
                Arguments.of("history: non-canonical id", "GET", "/api/v1/conversations/s_02_1/messages", null, 400, 1001),
                Arguments.of("history: reversed 1:1 id", "GET", "/api/v1/conversations/{reversed}/messages", null, 400, 1001),
                Arguments.of("history: id too long", "GET", "/api/v1/conversations/" + "g".repeat(65) + "/messages", null, 400, 1001),
                Arguments.of("history: encoded slash", "GET", "/api/v1/conversations/..%2Fadmin/messages", null, 400, 1001),
                Arguments.of("list: page 0", "GET", "/api/v1/conversations?page=0", null, 400, 1001),
                Arguments.of("list: page_size above 100", "GET", "/api/v1/conversations?page_size=101", null, 400, 1001),
                Arguments.of("list: page a word", "GET", "/api/v1/conversations?page=abc", null, 400, 1001),
                Arguments.of("settings: no field", "PUT", "/api/v1/conversations/{single}/settings", "{}", 400, 1001),
                Arguments.of("settings: both null", "PUT", "/api/v1/conversations/{single}/settings", "{\"pinned\":null,\"muted\":null}", 400, 1001),
                Arguments.of("settings: pinned a word", "PUT", "/api/v1/conversations/{single}/settings", "{\"pinned\":\"yes\"}", 400, 1001),
                Arguments.of("settings: muted a number", "PUT", "/api/v1/conversations/{single}/settings", "{\"muted\":1}", 400, 1001),
                Arguments.of("settings: JSON array", "PUT", "/api/v1/conversations/{single}/settings", "[true]", 400, 1001),
                Arguments.of("settings: no body", "PUT", "/api/v1/conversations/{single}/settings", null, 400, 1001),
                Arguments.of("settings: bad conversation id", "PUT", "/api/v1/conversations/bad!id/settings", "{\"pinned\":true}", 400, 1001),
                Arguments.of("settings: body above 64 KB", "PUT", "/api/v1/conversations/{single}/settings", "{\"pinned\":true,\"pad\":\"" + "z".repeat(70_000) + "\"}", 413, 1006),
                Arguments.of("group: id a word", "GET", "/api/v1/groups/abc", null, 400, 1001),
                Arguments.of("group: id zero", "GET", "/api/v1/groups/0", null, 400, 1001),
                Arguments.of("group: id negative", "GET", "/api/v1/groups/-3", null, 400, 1001),
                Arguments.of("group: id overflows long", "GET", "/api/v1/groups/99999999999999999999", null, 400, 1001),
                Arguments.of("group: remove user id a word", "DELETE", "/api/v1/groups/{group}/members/abc", null, 400, 1001),
                Arguments.of("group: members limit 0", "GET", "/api/v1/groups/{group}/members?limit=0", null, 400, 1001),
                Arguments.of("group: members limit above max", "GET", "/api/v1/groups/{group}/members?limit=201", null, 400, 1001),
                Arguments.of("group: members limit far above max", "GET", "/api/v1/groups/{group}/members?limit=501", null, 400, 1001),
                Arguments.of("group: members after_user_id negative", "GET", "/api/v1/groups/{group}/members?after_user_id=-1", null, 400, 1001),
                Arguments.of("group role: unknown role", "PUT", "/api/v1/groups/{group}/members/1/role", "{\"role\":\"owner\"}", 400, 1001),
                Arguments.of("group role: role missing", "PUT", "/api/v1/groups/{group}/members/1/role", "{}", 400, 1001),
                Arguments.of("group role: user id a word", "PUT", "/api/v1/groups/{group}/members/abc/role", "{\"role\":\"admin\"}", 400, 1001),
                Arguments.of("group transfer: user id missing", "POST", "/api/v1/groups/{group}/transfer", "{}", 400, 1001),
                Arguments.of("group transfer: user id negative", "POST", "/api/v1/groups/{group}/transfer", "{\"user_id\":-1}", 400, 1001),
                Arguments.of("group transfer: user id a word", "POST", "/api/v1/groups/{group}/transfer", "{\"user_id\":\"x\"}", 400, 1001),
                Arguments.of("group dissolve: id zero", "DELETE", "/api/v1/groups/0", null, 400, 1001),
                Arguments.of("group announcement: missing", "PUT", "/api/v1/groups/{group}/announcement", "{}", 400, 1001),
                Arguments.of("group announcement: 1025 chars", "PUT", "/api/v1/groups/{group}/announcement", "{\"announcement\":\"" + "a".repeat(1025) + "\"}", 400, 1001),
                Arguments.of("group announcement: an object", "PUT", "/api/v1/groups/{group}/announcement", "{\"announcement\":{\"a\":1}}", 400, 1001),
                Arguments.of("group mute: muted missing", "PUT", "/api/v1/groups/{group}/mute", "{}", 400, 1001),
                Arguments.of("group mute: muted a word", "PUT", "/api/v1/groups/{group}/mute", "{\"muted\":\"yes please\"}", 400, 1001),
                Arguments.of("group member mute: muted missing", "PUT", "/api/v1/groups/{group}/members/1/mute", "{}", 400, 1001),
                Arguments.of("group member mute: user id zero", "PUT", "/api/v1/groups/{group}/members/0/mute", "{\"muted\":true}", 400, 1001),
                Arguments.of("create group: name missing", "POST", "/api/v1/groups", "{}", 400, 1001),
                Arguments.of("create group: name blank", "POST", "/api/v1/groups", "{\"name\":\"   \"}", 400, 1001),
                Arguments.of("create group: name 65 chars", "POST", "/api/v1/groups", "{\"name\":\"" + "n".repeat(65) + "\"}", 400, 1001),
                Arguments.of("create group: name an object", "POST", "/api/v1/groups", "{\"name\":{\"a\":1}}", 400, 1001),
                Arguments.of("create group: member id negative", "POST", "/api/v1/groups", "{\"name\":\"g\",\"member_ids\":[-1]}", 400, 1001),
                Arguments.of("create group: member id null", "POST", "/api/v1/groups", "{\"name\":\"g\",\"member_ids\":[null]}", 400, 1001),
                Arguments.of("create group: member missing", "POST", "/api/v1/groups", "{\"name\":\"g\",\"member_ids\":[987654321]}", 404, 2000),
                Arguments.of("invite: user_ids a string", "POST", "/api/v1/groups/{group}/members", "{\"user_ids\":\"all\"}", 400, 1001),
                Arguments.of("invite: 501 user ids", "POST", "/api/v1/groups/{group}/members", "{\"user_ids\":[" + "1,".repeat(500) + "1]}", 400, 1001),
                Arguments.of("presence: empty list", "POST", "/api/v1/presence/query", "{\"user_ids\":[]}", 400, 1001),
                Arguments.of("presence: 501 ids", "POST", "/api/v1/presence/query", "{\"user_ids\":[" + "1,".repeat(500) + "1]}", 400, 1001),
                Arguments.of("presence: null id", "POST", "/api/v1/presence/query", "{\"user_ids\":[null]}", 400, 1001),
                Arguments.of("presence: ids a string", "POST", "/api/v1/presence/query", "{\"user_ids\":\"1,2\"}", 400, 1001),
                Arguments.of("presence: body above 64 KB", "POST", "/api/v1/presence/query", big, 413, 1006),
                Arguments.of("search: q missing", "GET", "/api/v1/search/messages", null, 400, 1001),
                Arguments.of("search: q empty", "GET", "/api/v1/search/messages?q=", null, 400, 1001),
                Arguments.of("search: q above 100 chars", "GET", "/api/v1/search/messages?q=" + "q".repeat(101), null, 400, 1001),
                Arguments.of("search: page_size above 50", "GET", "/api/v1/search/messages?q=a&page_size=51", null, 400, 1001),
                Arguments.of("search: page 0", "GET", "/api/v1/search/messages?q=a&page=0", null, 400, 1001),
                Arguments.of("search: bad conversation id", "GET", "/api/v1/search/messages?q=a&conversation_id=a%20b", null, 400, 1001),
                Arguments.of("refresh: token missing", "POST", "/api/v1/auth/refresh", "{}", 400, 1001),
                // 数字被宽松读成字符串，随后得到该字符串本该得到的错误
                Arguments.of("refresh: token a number", "POST", "/api/v1/auth/refresh", "{\"refresh_token\":42}", 401, 1002),
                Arguments.of("refresh: token an object", "POST", "/api/v1/auth/refresh", "{\"refresh_token\":{}}", 400, 1001),
                Arguments.of("refresh: unknown token", "POST", "/api/v1/auth/refresh", "{\"refresh_token\":\"nope\"}", 401, 1002),
                Arguments.of("login: username a number", "POST", "/api/v1/auth/login", "{\"username\":1,\"password\":\"x\"}", 401, 2002),
                Arguments.of("login: username an array", "POST", "/api/v1/auth/login", "{\"username\":[[1]],\"password\":\"x\"}", 400, 1001),
                Arguments.of("login: device_id with a space", "POST", "/api/v1/auth/login", "{\"username\":\"someone\",\"password\":\"x\",\"device_id\":\"my phone\"}", 400, 1001),
                Arguments.of("login: device_id with a slash", "POST", "/api/v1/auth/login", "{\"username\":\"someone\",\"password\":\"x\",\"device_id\":\"a/b\"}", 400, 1001),
                Arguments.of("register: password an object", "POST", "/api/v1/auth/register", "{\"username\":\"hx_user\",\"password\":{}}", 400, 1001),
                Arguments.of("push token: platform unsupported", "PUT", "/api/v1/push-tokens", "{\"platform\":\"wns\",\"token\":\"t\",\"device_id\":\"d\"}", 400, 1001),
                Arguments.of("push token: platform upper case", "PUT", "/api/v1/push-tokens", "{\"platform\":\"FCM\",\"token\":\"t\",\"device_id\":\"d\"}", 400, 1001),
                Arguments.of("push token: token 513 chars", "PUT", "/api/v1/push-tokens", "{\"platform\":\"fcm\",\"token\":\"" + "t".repeat(513) + "\",\"device_id\":\"d\"}", 400, 1001),
                Arguments.of("push token: token with spaces", "PUT", "/api/v1/push-tokens", "{\"platform\":\"fcm\",\"token\":\"a b\",\"device_id\":\"d\"}", 400, 1001),
                Arguments.of("push token: device id missing", "PUT", "/api/v1/push-tokens", "{\"platform\":\"fcm\",\"token\":\"t\"}", 400, 1001),
                Arguments.of("push token: device id 129 chars", "PUT", "/api/v1/push-tokens", "{\"platform\":\"fcm\",\"token\":\"t\",\"device_id\":\"" + "d".repeat(129) + "\"}", 400, 1001),
                Arguments.of("push token: device id not ASCII", "PUT", "/api/v1/push-tokens", "{\"platform\":\"fcm\",\"token\":\"t\",\"device_id\":\"手机\"}", 400, 1001),
                Arguments.of("push token: token an object", "PUT", "/api/v1/push-tokens", "{\"platform\":\"fcm\",\"token\":{},\"device_id\":\"d\"}", 400, 1001),
                Arguments.of("push token: remove with a blank device id", "DELETE", "/api/v1/push-tokens/%20", null, 400, 1001),
                Arguments.of("profile: nickname empty", "PUT", "/api/v1/users/me", "{\"nickname\":\"\"}", 400, 1001),
                Arguments.of("profile: nickname 65 chars", "PUT", "/api/v1/users/me", "{\"nickname\":\"" + "n".repeat(65) + "\"}", 400, 1001),
                Arguments.of("profile: nickname control char", "PUT", "/api/v1/users/me", "{\"nickname\":\"a\\u0000b\"}", 400, 1001),
                Arguments.of("profile: avatar javascript URL", "PUT", "/api/v1/users/me", "{\"avatar_url\":\"javascript:alert(1)\"}", 400, 1001),
                Arguments.of("profile: avatar relative URL", "PUT", "/api/v1/users/me", "{\"avatar_url\":\"/img/a.png\"}", 400, 1001),
                Arguments.of("profile: avatar above 512 chars", "PUT", "/api/v1/users/me", "{\"avatar_url\":\"https://a.example/" + "p".repeat(600) + "\"}", 400, 1001),
                Arguments.of("profile: body a JSON array", "PUT", "/api/v1/users/me", "[]", 400, 1001),
                Arguments.of("user: id a word", "GET", "/api/v1/users/abc", null, 400, 1001),
                Arguments.of("user: id zero", "GET", "/api/v1/users/0", null, 400, 1001),
                Arguments.of("user: id overflows long", "GET", "/api/v1/users/99999999999999999999", null, 400, 1001),
                Arguments.of("user: missing", "GET", "/api/v1/users/987654321987", null, 404, 2000),
                Arguments.of("devices: sign out a blank device id", "DELETE", "/api/v1/users/me/devices/%20", null, 400, 1001),
                Arguments.of("devices: sign out a 129-char device id", "DELETE", "/api/v1/users/me/devices/" + "d".repeat(129), null, 400, 1001),
                Arguments.of("friend request: user_id missing", "POST", "/api/v1/friend-requests", "{}", 400, 1001),
                Arguments.of("friend request: user_id a word", "POST", "/api/v1/friend-requests", "{\"user_id\":\"bob\"}", 400, 1001),
                Arguments.of("friend request: user_id zero", "POST", "/api/v1/friend-requests", "{\"user_id\":0}", 400, 1001),
                Arguments.of("friend request: user_id overflows long", "POST", "/api/v1/friend-requests", "{\"user_id\":99999999999999999999}", 400, 1001),
                Arguments.of("friend request: note 201 chars", "POST", "/api/v1/friend-requests", "{\"user_id\":987654321987,\"note\":\"" + "n".repeat(201) + "\"}", 400, 1001),
                Arguments.of("friend request: note an object", "POST", "/api/v1/friend-requests", "{\"user_id\":987654321987,\"note\":{}}", 400, 1001),
                Arguments.of("friend request: unknown user", "POST", "/api/v1/friend-requests", "{\"user_id\":987654321987}", 404, 2000),
                Arguments.of("friend request: body a JSON array", "POST", "/api/v1/friend-requests", "[]", 400, 1001),
                Arguments.of("friend requests: unknown box", "GET", "/api/v1/friend-requests?box=all", null, 400, 1001),
                Arguments.of("friend requests: limit 0", "GET", "/api/v1/friend-requests?limit=0", null, 400, 1001),
                Arguments.of("friend requests: limit above max", "GET", "/api/v1/friend-requests?limit=501", null, 400, 1001),
                Arguments.of("friend requests: before_id negative", "GET", "/api/v1/friend-requests?before_id=-1", null, 400, 1001),
                Arguments.of("friend request: accept id a word", "POST", "/api/v1/friend-requests/abc/accept", null, 400, 1001),
                Arguments.of("friend request: accept id zero", "POST", "/api/v1/friend-requests/0/accept", null, 400, 1001),
                Arguments.of("friend request: accept missing", "POST", "/api/v1/friend-requests/987654321987/accept", null, 404, 1004),
                Arguments.of("friend request: reject missing", "POST", "/api/v1/friend-requests/987654321987/reject", null, 404, 1004),
                Arguments.of("friend request: cancel missing", "POST", "/api/v1/friend-requests/987654321987/cancel", null, 404, 1004),
                Arguments.of("friend request: unknown action", "POST", "/api/v1/friend-requests/1/approve", null, 404, 1004),
                Arguments.of("friends: limit above max", "GET", "/api/v1/friends?limit=501", null, 400, 1001),
                Arguments.of("friends: after_user_id a word", "GET", "/api/v1/friends?after_user_id=x", null, 400, 1001),
                Arguments.of("friend remark: id a word", "PUT", "/api/v1/friends/abc", "{\"remark\":\"r\"}", 400, 1001),
                Arguments.of("friend remark: 65 chars", "PUT", "/api/v1/friends/987654321987", "{\"remark\":\"" + "r".repeat(65) + "\"}", 400, 1001),
                Arguments.of("friend remark: remark an object", "PUT", "/api/v1/friends/987654321987", "{\"remark\":{\"a\":1}}", 400, 1001),
                Arguments.of("friend remark: not a friend", "PUT", "/api/v1/friends/987654321987", "{\"remark\":\"r\"}", 403, 5001),
                Arguments.of("delete friend: not a friend", "DELETE", "/api/v1/friends/987654321987", null, 403, 5001),
                Arguments.of("delete friend: id negative", "DELETE", "/api/v1/friends/-1", null, 400, 1001),
                Arguments.of("block: id a word", "PUT", "/api/v1/blocks/abc", null, 400, 1001),
                Arguments.of("block: id zero", "PUT", "/api/v1/blocks/0", null, 400, 1001),
                Arguments.of("block: unknown user", "PUT", "/api/v1/blocks/987654321987", null, 404, 2000),
                Arguments.of("unblock: id overflows long", "DELETE", "/api/v1/blocks/99999999999999999999", null, 400, 1001),
                Arguments.of("blocks: limit 0", "GET", "/api/v1/blocks?limit=0", null, 400, 1001),
                Arguments.of("unknown route", "GET", "/api/v1/no-such-route/users", null, 404, 1004),
                // 管理接口只认管理员令牌：用户令牌 403/7001（坏输入的完整矩阵见 AdminApiIT）
                Arguments.of("admin API with a user token: list users", "GET", "/api/v1/admin/users", null, 403, 7001),
                Arguments.of("admin API with a user token: ban", "POST", "/api/v1/admin/users/987654321987/ban", "{}", 403, 7001),
                Arguments.of("admin API with a user token: dissolve", "DELETE", "/api/v1/admin/groups/{group}", null, 403, 7001),
                Arguments.of("admin API with a user token: add words", "POST", "/api/v1/admin/sensitive-words", "{\"words\":[\"x\"]}", 403, 7001),
                Arguments.of("admin API with a user token: figures", "GET", "/api/v1/admin/figures", null, 403, 7001),
                Arguments.of("wrong method", "PUT", "/api/v1/groups/{group}", "{}", 404, 1004));
    }

    @ParameterizedTest(name = "{0} -> {4}/{5}")
    @MethodSource("badRequests")
    void badRequestGetsDocumentedCodeNever5xx(String name, String method, String path, String body, int status, int code) {
        String resolved = path.replace("{single}", single).replace("{group}", Long.toString(groupId))
                .replace("{reversed}", "s_" + Math.max(alice.userId(), bob.userId()) + "_" + Math.min(alice.userId(), bob.userId()));
        ImClient.Response r = alice.raw(method, resolved, body, alice.accessToken());
        assertTrue(r.status() < 500, "never 5xx: " + r.raw());
        assertError(r, status, code);
        assertNoLeak(r);
    }

    @Test
    void wrongContentTypeAndUnknownFields() {
        // 未知字段：文档未规定拒绝，按宽松读取处理（成功，且不产生副作用之外的东西）
        ImClient.Response extra = alice.raw("POST", "/api/v1/conversations/single",
                "{\"peer_user_id\":" + bob.userId() + ",\"is_admin\":true,\"user_id\":" + carol.userId() + "}", alice.accessToken());
        assertEquals(200, extra.status(), extra.raw());
        assertEquals(single, extra.body().path("conversation_id").asText(), "caller comes from the token, not the body");
        // 非 JSON 的 Content-Type：4xx 的 ErrorBody，不是 5xx
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(alice.baseUrl() + "/api/v1/groups"))
                    .header("Authorization", "Bearer " + alice.accessToken())
                    .header("Content-Type", "text/plain")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"plain\"}")).build();
            var r = ImClient.HTTP.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.statusCode() + " " + r.body());
            assertTrue(ImClient.JSON.readTree(r.body()).has("code"), r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------- (5) 洪泛

    private AppProcess gatewayD;

    @AfterAll
    void stopThirdGateway() {
        if (gatewayD != null) {
            gatewayD.close();
        }
    }

    /** 第三个网关，使用默认的限流与设备上限（共用的两个网关为顺序测试放宽了发送速率）。 */
    private void startDefaultLimitGateway() {
        if (gatewayD == null) {
            gatewayD = SystemUnderTest.get().launchGateway(GATEWAY_D, GATEWAY_D_MANAGEMENT, Map.of(
                    "im.gateway.send-rate-per-second", "20",
                    "im.gateway.send-burst", "40",
                    "im.gateway.max-pending-frames", "256",
                    "im.gateway.max-connections-per-user", "5"));
            gatewayD.awaitReady(GATEWAY_D_MANAGEMENT);
        }
    }

    @Test
    void sendFloodIsRateLimitedWith1005AndTheSocketSurvives() {
        startDefaultLimitGateway();
        ImClient u = ImClient.register(GATEWAY_D, "h_flood");
        String c = u.openSingle(bob.userId());
        try (WsConnection ws = u.connect()) {
            int total = 80;
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                ids.add(ws.sendMessage(c, "flood " + i));
            }
            // 每条都有回答：成功 ack 或 1005 错误帧（带 client_msg_id）
            await().atMost(Duration.ofSeconds(60)).until(() -> answered(ws, ids) == total);
            List<String> limited = new ArrayList<>();
            for (JsonNode e : ws.framesOf("error")) {
                assertEquals(1005, e.path("data").path("code").asInt(), e.toString());
                limited.add(e.path("data").path("client_msg_id").asText());
            }
            long accepted = ws.framesOf("message-ack").stream().filter(a -> !a.path("data").has("error_code")).count();
            assertTrue(limited.size() >= 1, "a flood of " + total + " must hit the 20/s, burst 40 limit");
            assertTrue(accepted >= 40, "the burst of 40 is honoured, accepted " + accepted);
            assertEquals(total, accepted + limited.size());
            assertFalse(ws.isClosed(), "rate limiting never closes the socket");
            // 文档：稍后用同一 client_msg_id 重发即可；令牌桶回满后重发成功
            String retry = limited.get(0);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> resendSucceeded(ws, c, retry));
            assertSocketAlive(ws, c);
        }
    }

    private static long answered(WsConnection ws, List<String> ids) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonNode f : ws.frames()) {
            String type = f.path("type").asText();
            if ("message-ack".equals(type) || "error".equals(type)) {
                seen.add(f.path("data").path("client_msg_id").asText());
            }
        }
        return ids.stream().filter(seen::contains).count();
    }

    /** 重发一次并等它的回答：成功 ack 返回 true，再次 1005 返回 false。 */
    private static boolean resendSucceeded(WsConnection ws, String conversation, String clientMsgId) {
        int before = ws.frames().size();
        ws.sendMessage(conversation, "retry", clientMsgId);
        JsonNode[] answer = new JsonNode[1];
        await().atMost(WAIT).until(() -> {
            List<JsonNode> frames = ws.frames();
            for (int i = before; i < frames.size(); i++) {
                JsonNode f = frames.get(i);
                String type = f.path("type").asText();
                if (("message-ack".equals(type) || "error".equals(type))
                        && clientMsgId.equals(f.path("data").path("client_msg_id").asText())) {
                    answer[0] = f;
                    return true;
                }
            }
            return false;
        });
        return "message-ack".equals(answer[0].path("type").asText()) && !answer[0].path("data").has("error_code");
    }

    @Test
    void pingFloodIsAnsweredOrShedWith1005NeverDropped() {
        startDefaultLimitGateway();
        ImClient u = ImClient.register(GATEWAY_D, "h_pings");
        String c = u.openSingle(bob.userId());
        try (WsConnection ws = u.connect()) {
            int total = 1500;
            for (int i = 0; i < total; i++) {
                ws.sendText("{\"type\":\"ping\",\"message_id\":" + i + "}");
            }
            // 每个 ping 要么 pong，要么因积压超过 256 帧被 1005 拒绝；连接不断
            await().atMost(Duration.ofSeconds(60)).until(() -> ws.framesOf("pong").size() + ws.framesOf("error").size() >= total);
            ws.framesOf("error").forEach(e -> assertEquals(1005, e.path("data").path("code").asInt(), e.toString()));
            assertFalse(ws.isClosed());
            assertSocketAlive(ws, c);
        }
    }

    @Test
    void sixthDeviceIsRefusedWith429And1009AndTheOthersKeepWorking() {
        startDefaultLimitGateway();
        ImClient u = ImClient.register(GATEWAY_D, "h_devices");
        String c = u.openSingle(bob.userId());
        List<WsConnection> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                sockets.add(u.connect());
            }
            assertUpgradeRefused(RawUpgrade.attempt(GATEWAY_D, "/ws", u.accessToken()), 429, 1009, "6th device via header");
            assertUpgradeRefused(RawUpgrade.attempt(GATEWAY_D, "/ws?token=" + ImClient.enc(u.accessToken()), null),
                    429, 1009, "6th device via query");
            for (WsConnection ws : sockets) {
                assertFalse(ws.isClosed(), "existing devices are untouched");
            }
            assertSocketAlive(sockets.get(0), c);
            assertSocketAlive(sockets.get(4), c);
            // 上限按网关计：同一用户在另一个网关上仍可连接
            try (WsConnection other = u.loginOn(GATEWAY_A).connect()) {
                assertFalse(other.isClosed());
            }
        } finally {
            sockets.forEach(WsConnection::close);
        }
    }

    // ---------------------------------------------------------------- 工具

    private static void assertError(ImClient.Response r, int status, int code) {
        assertEquals(status, r.status(), r.raw());
        assertEquals(code, r.code(), r.raw());
        assertTrue(r.body().has("message") && r.body().has("trace_id"), "ErrorBody {code,message,trace_id}: " + r.raw());
    }

    private static void assertUpgradeRefused(RawUpgrade r, int status, int code, String what) {
        assertEquals(status, r.status(), what + ": " + r.body());
        JsonNode body;
        try {
            body = ImClient.JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(what + ": refusal body is not JSON: " + r.body(), e);
        }
        assertEquals(code, body.path("code").asInt(), what + ": " + r.body());
        assertTrue(body.has("trace_id"), what + ": " + r.body());
    }

    /** 响应里没有任何受害者会话的内容。 */
    private void assertNoLeak(ImClient.Response r) {
        String raw = r.raw() == null ? "" : r.raw();
        assertFalse(raw.contains(secret) || raw.contains(groupSecret), "leaked private message text: " + raw);
        assertFalse(raw.contains("\"messages\"") && r.status() >= 400, "error with a message list: " + raw);
        assertFalse(raw.contains("\"members\"") && r.status() >= 400, "error with a member list: " + raw);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String sign(JWTClaimsSet claims, byte[] key, JWSAlgorithm alg) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }
}
