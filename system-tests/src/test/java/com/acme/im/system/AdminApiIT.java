package com.acme.im.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static com.acme.im.system.SystemUnderTest.GATEWAY_A;
import static com.acme.im.system.SystemUnderTest.GATEWAY_B;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 管理后台端到端（issue #14 第 4 项）：管理员登录与令牌隔离（用户令牌 7001、管理员令牌不能当用户令牌）、
 * 列出与搜索用户、封禁（已连接的 WebSocket 以 4001 关闭、令牌失效、登录 7003）与解封、解散任意群、
 * 运行时改敏感词被审核函数采用、审核命中复核、系统数字与管理操作记录；坏输入都是文档里的错误码，从不 5xx。
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private ImClient anyone;
    private String adminToken;
    private long adminId;
    private long startedAt;

    @BeforeAll
    void system() {
        SystemUnderTest.get();
        startedAt = System.currentTimeMillis();
        anyone = ImClient.register(GATEWAY_A, "adm_probe");
        JsonNode login = anyone.raw("POST", "/api/v1/admin/login", ImClient.JSON.createObjectNode()
                .put("username", SystemUnderTest.ADMIN_USERNAME).put("password", SystemUnderTest.ADMIN_PASSWORD).toString(), null)
                .expect(200).body();
        adminToken = login.path("access_token").asText();
        adminId = login.path("admin").path("id").asLong();
        assertEquals("Bearer", login.path("token_type").asText());
        assertEquals(SystemUnderTest.ADMIN_USERNAME, login.path("admin").path("username").asText());
        assertTrue(login.path("expires_in").asLong() > 0);
    }

    private ImClient.Response admin(String method, String path, JsonNode body) {
        return anyone.raw(method, path, body == null ? null : body.toString(), adminToken);
    }

    private static void assertError(ImClient.Response r, int status, int code) {
        assertEquals(status, r.status(), r.raw());
        assertEquals(code, r.code(), r.raw());
    }

    private static String unique(String prefix) {
        return prefix + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    @Test
    void adminAndUserTokensAreNotInterchangeable() {
        // 错误密码、未知管理员：同一个 7002
        assertError(anyone.raw("POST", "/api/v1/admin/login", "{\"username\":\"" + SystemUnderTest.ADMIN_USERNAME
                + "\",\"password\":\"wrong-password-1\"}", null), 401, 7002);
        assertError(anyone.raw("POST", "/api/v1/admin/login", "{\"username\":\"nobody-here\",\"password\":\"x\"}", null), 401, 7002);
        // 普通用户的账号不能登录后台
        assertError(anyone.raw("POST", "/api/v1/admin/login", "{\"username\":\"" + anyone.username()
                + "\",\"password\":\"correct-horse-9\"}", null), 401, 7002);
        // 没有令牌、坏令牌 7000；用户令牌 7001
        assertError(anyone.raw("GET", "/api/v1/admin/users", null, null), 401, 7000);
        assertError(anyone.raw("GET", "/api/v1/admin/users", null, "not-a-jwt"), 401, 7000);
        assertError(anyone.raw("GET", "/api/v1/admin/users", null, anyone.accessToken()), 403, 7001);
        assertError(anyone.raw("GET", "/api/v1/admin/figures", null, anyone.accessToken()), 403, 7001);
        // 管理员令牌不是用户令牌：用户接口与 WebSocket 都 401/1002
        assertError(anyone.raw("GET", "/api/v1/conversations", null, adminToken), 401, 1002);
        assertError(anyone.raw("GET", "/api/v1/users/me", null, adminToken), 401, 1002);
        var upgrade = com.acme.im.testsupport.RawUpgrade.attempt(GATEWAY_B, "/ws", adminToken);
        assertEquals(401, upgrade.status(), upgrade.toString());
        // 两个网关都认管理员令牌
        ImClient onB = ImClient.register(GATEWAY_B, "adm_probe_b");
        assertEquals(200, onB.raw("GET", "/api/v1/admin/users?limit=1", null, adminToken).status());
    }

    @Test
    void listAndSearchUsers() {
        String tag = unique("adms");
        ImClient a = ImClient.register(GATEWAY_A, tag + "_a");
        ImClient b = ImClient.register(GATEWAY_B, tag + "_b");
        JsonNode page = admin("GET", "/api/v1/admin/users?q=" + tag, null).expect(200).body();
        List<Long> ids = new ArrayList<>();
        page.path("users").forEach(u -> ids.add(u.path("id").asLong()));
        assertEquals(List.of(a.userId(), b.userId()), ids);
        assertFalse(page.path("users").get(0).path("banned").asBoolean());
        assertFalse(page.path("users").get(0).has("password_hash"));
        // 分页：limit=1 给出游标，第二页是另一个
        JsonNode first = admin("GET", "/api/v1/admin/users?q=" + tag + "&limit=1", null).expect(200).body();
        long next = first.path("next_after_id").asLong();
        assertEquals(a.userId(), next);
        JsonNode second = admin("GET", "/api/v1/admin/users?q=" + tag + "&limit=1&after_id=" + next, null).expect(200).body();
        assertEquals(b.userId(), second.path("users").get(0).path("id").asLong());
        // LIKE 通配符按字面处理
        assertEquals(0, admin("GET", "/api/v1/admin/users?q=" + ImClient.enc("%_%") + tag, null).expect(200).body()
                .path("users").size());
    }

    @Test
    void banClosesTheSocketRevokesTokensAndBlocksLoginUntilUnban() throws Exception {
        ImClient victim = ImClient.register(GATEWAY_B, unique("adm_victim"));
        ImClient otherDevice = victim.loginOn(GATEWAY_A, "victim-tablet");
        ImClient bystander = ImClient.register(GATEWAY_A, "adm_by");
        try (WsConnection ws = victim.connect(); WsConnection ws2 = otherDevice.connect(); WsConnection by = bystander.connect()) {
            bystander.awaitOnline(victim.userId(), bystander.userId());
            // 两台设备的连接都已登记在线（关闭通知按在线登记投递到持有连接的网关）
            await("both devices online").atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
                int online = 0;
                for (JsonNode d : victim.call("GET", "/api/v1/users/me/devices", null, true).expect(200).body().path("devices")) {
                    online += d.path("online").asBoolean() ? 1 : 0;
                }
                return online == 2;
            });
            JsonNode banned = admin("POST", "/api/v1/admin/users/" + victim.userId() + "/ban",
                    ImClient.JSON.createObjectNode().put("reason", "spam")).expect(200).body();
            assertTrue(banned.path("user").path("banned").asBoolean());
            assertEquals("spam", banned.path("user").path("ban_reason").asText());
            assertEquals(adminId, banned.path("user").path("banned_by").asLong());
            assertTrue(banned.path("revoked_sessions").asInt() >= 2, banned.toString());
            // 两个网关上的两条连接都以 4001 关闭；旁人的连接不受影响
            assertEquals(4001, ws.closedFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(4001, ws2.closedFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertFalse(by.isClosed());
        }
        // 令牌在两个网关上都立即失效，刷新令牌也不能再用
        assertError(victim.call("GET", "/api/v1/conversations", null, true), 401, 1002);
        assertError(otherDevice.call("GET", "/api/v1/conversations", null, true), 401, 1002);
        assertError(victim.raw("POST", "/api/v1/auth/refresh", "{\"refresh_token\":\"" + victim.refreshToken() + "\"}", null), 401, 1002);
        // 封禁中：密码正确 7003；密码错误仍是 2002（不向猜密码的人透露封禁）
        String login = "{\"username\":\"" + victim.username() + "\",\"password\":\"correct-horse-9\"}";
        assertError(victim.raw("POST", "/api/v1/auth/login", login, null), 403, 7003);
        assertError(victim.raw("POST", "/api/v1/auth/login", "{\"username\":\"" + victim.username()
                + "\",\"password\":\"wrong-horse-9\"}", null), 401, 2002);
        // 列表里能按封禁过滤；重复封禁幂等
        JsonNode bannedList = admin("GET", "/api/v1/admin/users?banned=true&q=" + victim.username(), null).expect(200).body();
        assertEquals(victim.userId(), bannedList.path("users").get(0).path("id").asLong());
        assertEquals(0, admin("POST", "/api/v1/admin/users/" + victim.userId() + "/ban", ImClient.JSON.createObjectNode())
                .expect(200).body().path("revoked_sessions").asInt());
        // 解封后可以重新登录
        JsonNode unbanned = admin("DELETE", "/api/v1/admin/users/" + victim.userId() + "/ban", null).expect(200).body();
        assertFalse(unbanned.path("user").path("banned").asBoolean());
        ImClient again = victim.loginOn(GATEWAY_A);
        again.call("GET", "/api/v1/conversations", null, true).expect(200);
        // 不存在的用户 2000
        assertError(admin("POST", "/api/v1/admin/users/987654321987/ban", ImClient.JSON.createObjectNode()), 404, 2000);
    }

    @Test
    void dissolveAnyGroup() {
        ImClient owner = ImClient.register(GATEWAY_A, "adm_owner");
        ImClient member = ImClient.register(GATEWAY_B, "adm_member");
        JsonNode group = owner.createGroup("to-dissolve", member.userId()).expect(201).body();
        long id = group.path("id").asLong();
        String conv = group.path("conversation_id").asText();
        try (WsConnection ws = member.connect()) {
            member.awaitOnline(member.userId());
            JsonNode r = admin("DELETE", "/api/v1/admin/groups/" + id, null).expect(200).body();
            assertEquals(id, r.path("group_id").asLong());
            assertTrue(r.path("dissolved_at").asLong() > 0);
            JsonNode frame = ws.await("group-updated", d -> "dissolved".equals(d.path("change").asText()), WAIT);
            assertEquals(0, frame.path("data").path("actor_id").asLong(0));
            // 会话只读：发消息 4003
            assertEquals(4003, ws.awaitAck(ws.sendMessage(conv, "still here?")).path("data").path("error_code").asInt());
        }
        assertTrue(owner.call("GET", "/api/v1/groups/" + id, null, true).expect(200).body().path("dissolved_at").asLong() > 0);
        assertError(admin("DELETE", "/api/v1/admin/groups/" + id, null), 409, 4003);
        assertError(admin("DELETE", "/api/v1/admin/groups/987654321987", null), 404, 4000);
    }

    @Test
    void runtimeWordListReachesTheAuditFunctionAndHitsCanBeReviewed() {
        SystemUnderTest.get().auditFunction();
        String word = unique("zqw");
        ImClient alice = ImClient.register(GATEWAY_A, "adm_alice");
        ImClient bob = ImClient.register(GATEWAY_B, "adm_bob");
        String conv = alice.openSingle(bob.userId());
        JsonNode added = admin("POST", "/api/v1/admin/sensitive-words",
                ImClient.JSON.createObjectNode().set("words", ImClient.JSON.createArrayNode().add(word).add("  " + word + " "))).expect(200).body();
        assertEquals(List.of(word), toList(added.path("added")));
        long version = added.path("version").asLong();
        JsonNode list = admin("GET", "/api/v1/admin/sensitive-words", null).expect(200).body();
        assertEquals(version, list.path("version").asLong());
        assertTrue(toList(list.path("words")).contains(word));

        try (WsConnection ws = alice.connect()) {
            // 审核函数每秒核对一次词表版本：新词不用重启就生效
            String first = ws.awaitAck(ws.sendMessage(conv, "hello " + word + " there")).path("data").path("message_id").asText();
            JsonNode hit = awaitHit(conv, first);
            assertEquals(List.of(word), toList(hit.path("words")));
            assertFalse(hit.has("review_verdict"));
            long hitId = hit.path("id").asLong();
            assertTrue(idsOf(admin("GET", "/api/v1/admin/audit-hits?status=unreviewed&conversation_id=" + conv, null)
                    .expect(200).body()).contains(hitId));
            // 复核
            JsonNode reviewed = admin("POST", "/api/v1/admin/audit-hits/" + hitId + "/review",
                    ImClient.JSON.createObjectNode().put("verdict", "confirmed")).expect(200).body();
            assertEquals("confirmed", reviewed.path("review_verdict").asText());
            assertEquals(adminId, reviewed.path("reviewed_by").asLong());
            assertTrue(idsOf(admin("GET", "/api/v1/admin/audit-hits?status=reviewed&conversation_id=" + conv, null)
                    .expect(200).body()).contains(hitId));
            assertFalse(idsOf(admin("GET", "/api/v1/admin/audit-hits?status=unreviewed&conversation_id=" + conv, null)
                    .expect(200).body()).contains(hitId));
            assertError(admin("POST", "/api/v1/admin/audit-hits/987654321987/review",
                    ImClient.JSON.createObjectNode().put("verdict", "dismissed")), 404, 7004);

            // 删词后同样的内容不再命中：再发一条内置词消息作为“审核已处理到这里”的标记
            JsonNode removed = admin("DELETE", "/api/v1/admin/sensitive-words/" + ImClient.enc(word), null).expect(200).body();
            assertTrue(removed.path("removed").asBoolean());
            assertTrue(removed.path("version").asLong() > version);
            await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true);
            String second = ws.awaitAck(ws.sendMessage(conv, "again " + word)).path("data").path("message_id").asText();
            String marker = ws.awaitAck(ws.sendMessage(conv, "gambling marker")).path("data").path("message_id").asText();
            awaitHit(conv, marker);
            JsonNode all = admin("GET", "/api/v1/admin/audit-hits?conversation_id=" + conv, null).expect(200).body();
            for (JsonNode h : all.path("hits")) {
                assertNotEquals(second, h.path("message_id").asText(), "removed word must no longer hit: " + all);
            }
        }
        assertFalse(admin("DELETE", "/api/v1/admin/sensitive-words/" + ImClient.enc(word), null).expect(200).body()
                .path("removed").asBoolean());
    }

    private JsonNode awaitHit(String conv, String messageId) {
        JsonNode[] found = new JsonNode[1];
        await("audit hit for " + messageId).atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            for (JsonNode h : admin("GET", "/api/v1/admin/audit-hits?conversation_id=" + conv, null).expect(200).body().path("hits")) {
                if (messageId.equals(h.path("message_id").asText())) {
                    found[0] = h;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static List<Long> idsOf(JsonNode page) {
        List<Long> out = new ArrayList<>();
        page.path("hits").forEach(h -> out.add(h.path("id").asLong()));
        return out;
    }

    private static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void systemFigures() {
        ImClient a = ImClient.register(GATEWAY_A, "adm_fig_a");
        ImClient b = ImClient.register(GATEWAY_B, "adm_fig_b");
        try (WsConnection wa = a.connect(); WsConnection wb = b.connect()) {
            a.awaitOnline(a.userId(), b.userId());
            wa.awaitAck(wa.sendMessage(a.openSingle(b.userId()), "figures"));
            JsonNode f = admin("GET", "/api/v1/admin/figures", null).expect(200).body();
            assertTrue(f.path("online_users").asLong() >= 2, f.toString());
            List<String> gateways = new ArrayList<>();
            f.path("gateways").forEach(g -> {
                gateways.add(g.path("gateway_id").asText());
                assertTrue(g.path("online_users").asLong() >= 1, f.toString());
            });
            assertTrue(gateways.contains("e2e-" + GATEWAY_A) && gateways.contains("e2e-" + GATEWAY_B), f.toString());
            assertTrue(f.path("messages_last_minute").asLong() >= 1, f.toString());
            assertTrue(f.path("messages_per_second").asDouble() > 0, f.toString());
            assertTrue(f.path("total_users").asLong() >= 2, f.toString());
            assertTrue(f.path("kafka_available").asBoolean(), f.toString());
            List<String> functions = new ArrayList<>();
            f.path("functions").forEach(fn -> {
                functions.add(fn.path("task_type").asText());
                assertTrue(fn.path("lag").asLong() >= 0 && fn.path("dead_letters").asLong() >= 0, f.toString());
                assertEquals("im-task-" + fn.path("task_type").asText(), fn.path("topic").asText());
            });
            assertTrue(functions.containsAll(List.of("fanout", "push", "audit", "index")), f.toString());
            assertTrue(f.path("dead_letters_total").asLong() >= 0);
        }
    }

    @Test
    void everyAdminActionIsRecordedWithWhoAndWhen() {
        ImClient target = ImClient.register(GATEWAY_A, "adm_logged");
        admin("POST", "/api/v1/admin/users/" + target.userId() + "/ban", ImClient.JSON.createObjectNode().put("reason", "log me"))
                .expect(200);
        admin("DELETE", "/api/v1/admin/users/" + target.userId() + "/ban", null).expect(200);
        JsonNode page = admin("GET", "/api/v1/admin/actions?admin_id=" + adminId + "&limit=200", null).expect(200).body();
        List<String> seen = new ArrayList<>();
        for (JsonNode a : page.path("actions")) {
            assertEquals(adminId, a.path("admin_id").asLong());
            assertEquals(SystemUnderTest.ADMIN_USERNAME, a.path("admin_username").asText());
            assertTrue(a.path("created_at").asLong() >= startedAt - 60_000, a.toString());
            seen.add(a.path("action").asText() + " " + a.path("target").asText());
        }
        assertTrue(seen.contains("ban_user user:" + target.userId()), seen.toString());
        assertTrue(seen.contains("unban_user user:" + target.userId()), seen.toString());
        assertTrue(seen.contains("login admin:" + adminId), seen.toString());
        // 新的在前
        assertTrue(seen.indexOf("unban_user user:" + target.userId()) < seen.indexOf("ban_user user:" + target.userId()));
        // 用户看不到
        assertError(target.loginOn(GATEWAY_A).call("GET", "/api/v1/admin/actions", null, true), 403, 7001);
    }

    static Stream<Arguments> badAdminRequests() {
        return Stream.of(
                Arguments.of("login: body missing fields", "POST", "/api/v1/admin/login", "{}", 400, 1001),
                Arguments.of("login: password an object", "POST", "/api/v1/admin/login", "{\"username\":\"a\",\"password\":{}}", 400, 1001),
                Arguments.of("login: malformed JSON", "POST", "/api/v1/admin/login", "{\"username\":", 400, 1001),
                Arguments.of("users: limit 0", "GET", "/api/v1/admin/users?limit=0", null, 400, 1001),
                Arguments.of("users: limit 201", "GET", "/api/v1/admin/users?limit=201", null, 400, 1001),
                Arguments.of("users: after_id negative", "GET", "/api/v1/admin/users?after_id=-1", null, 400, 1001),
                Arguments.of("users: after_id a word", "GET", "/api/v1/admin/users?after_id=x", null, 400, 1001),
                Arguments.of("users: q 65 chars", "GET", "/api/v1/admin/users?q=" + "q".repeat(65), null, 400, 1001),
                Arguments.of("ban: user id zero", "POST", "/api/v1/admin/users/0/ban", "{}", 400, 1001),
                Arguments.of("ban: user id a word", "POST", "/api/v1/admin/users/abc/ban", "{}", 400, 1001),
                Arguments.of("ban: user id overflows long", "POST", "/api/v1/admin/users/99999999999999999999/ban", "{}", 400, 1001),
                Arguments.of("ban: reason 257 chars", "POST", "/api/v1/admin/users/1/ban", "{\"reason\":\"" + "r".repeat(257) + "\"}", 400, 1001),
                Arguments.of("ban: reason an object", "POST", "/api/v1/admin/users/1/ban", "{\"reason\":{}}", 400, 1001),
                Arguments.of("ban: body a JSON array", "POST", "/api/v1/admin/users/1/ban", "[]", 400, 1001),
                Arguments.of("unban: unknown user", "DELETE", "/api/v1/admin/users/987654321987/ban", null, 404, 2000),
                Arguments.of("dissolve: id zero", "DELETE", "/api/v1/admin/groups/0", null, 400, 1001),
                Arguments.of("dissolve: id negative", "DELETE", "/api/v1/admin/groups/-3", null, 400, 1001),
                Arguments.of("audit hits: unknown status", "GET", "/api/v1/admin/audit-hits?status=open", null, 400, 1001),
                Arguments.of("audit hits: bad conversation id", "GET", "/api/v1/admin/audit-hits?conversation_id=a%20b", null, 400, 1001),
                Arguments.of("audit hits: before_id negative", "GET", "/api/v1/admin/audit-hits?before_id=-1", null, 400, 1001),
                Arguments.of("audit hits: limit 201", "GET", "/api/v1/admin/audit-hits?limit=201", null, 400, 1001),
                Arguments.of("review: verdict unknown", "POST", "/api/v1/admin/audit-hits/1/review", "{\"verdict\":\"maybe\"}", 400, 1001),
                Arguments.of("review: verdict missing", "POST", "/api/v1/admin/audit-hits/1/review", "{}", 400, 1001),
                Arguments.of("review: hit id zero", "POST", "/api/v1/admin/audit-hits/0/review", "{\"verdict\":\"confirmed\"}", 400, 1001),
                Arguments.of("review: missing hit", "POST", "/api/v1/admin/audit-hits/987654321987/review", "{\"verdict\":\"confirmed\"}", 404, 7004),
                Arguments.of("words: empty list", "POST", "/api/v1/admin/sensitive-words", "{\"words\":[]}", 400, 1001),
                Arguments.of("words: list missing", "POST", "/api/v1/admin/sensitive-words", "{}", 400, 1001),
                Arguments.of("words: blank word", "POST", "/api/v1/admin/sensitive-words", "{\"words\":[\"   \"]}", 400, 1001),
                Arguments.of("words: null word", "POST", "/api/v1/admin/sensitive-words", "{\"words\":[null]}", 400, 1001),
                Arguments.of("words: 65 chars", "POST", "/api/v1/admin/sensitive-words", "{\"words\":[\"" + "w".repeat(65) + "\"]}", 400, 1001),
                Arguments.of("words: control char", "POST", "/api/v1/admin/sensitive-words", "{\"words\":[\"a\\u0000b\"]}", 400, 1001),
                Arguments.of("words: newline", "POST", "/api/v1/admin/sensitive-words", "{\"words\":[\"a\\nb\"]}", 400, 1001),
                Arguments.of("words: 101 words", "POST", "/api/v1/admin/sensitive-words", "{\"words\":[" + "\"w\",".repeat(100) + "\"w\"]}", 400, 1001),
                Arguments.of("words: a string instead of a list", "POST", "/api/v1/admin/sensitive-words", "{\"words\":\"w\"}", 400, 1001),
                Arguments.of("remove word: blank", "DELETE", "/api/v1/admin/sensitive-words/%20", null, 400, 1001),
                Arguments.of("remove word: 65 chars", "DELETE", "/api/v1/admin/sensitive-words/" + "w".repeat(65), null, 400, 1001),
                Arguments.of("actions: limit 0", "GET", "/api/v1/admin/actions?limit=0", null, 400, 1001),
                Arguments.of("actions: before_id a word", "GET", "/api/v1/admin/actions?before_id=x", null, 400, 1001),
                Arguments.of("unknown admin route", "GET", "/api/v1/admin/secrets", null, 404, 1004));
    }

    @ParameterizedTest(name = "{0} -> {4}/{5}")
    @MethodSource("badAdminRequests")
    void badAdminInputGetsDocumentedCodeNever5xx(String name, String method, String path, String body, int status, int code) {
        ImClient.Response r = anyone.raw(method, path, body, adminToken);
        assertTrue(r.status() < 500, "never 5xx: " + r.raw());
        assertError(r, status, code);
    }

    @Test
    void withoutAdminTokenEveryRouteIs7000() {
        ObjectNode empty = ImClient.JSON.createObjectNode();
        for (String[] route : new String[][]{{"GET", "/api/v1/admin/users"}, {"POST", "/api/v1/admin/users/1/ban"},
                {"DELETE", "/api/v1/admin/users/1/ban"}, {"DELETE", "/api/v1/admin/groups/1"},
                {"GET", "/api/v1/admin/audit-hits"}, {"POST", "/api/v1/admin/audit-hits/1/review"},
                {"GET", "/api/v1/admin/sensitive-words"}, {"POST", "/api/v1/admin/sensitive-words"},
                {"DELETE", "/api/v1/admin/sensitive-words/x"}, {"GET", "/api/v1/admin/figures"}, {"GET", "/api/v1/admin/actions"}}) {
            String body = route[0].equals("POST") ? (route[1].endsWith("review") ? "{\"verdict\":\"confirmed\"}"
                    : route[1].endsWith("words") ? "{\"words\":[\"x\"]}" : empty.toString()) : null;
            ImClient.Response r = anyone.raw(route[0], route[1], body, null);
            assertError(r, 401, 7000);
        }
    }
}
