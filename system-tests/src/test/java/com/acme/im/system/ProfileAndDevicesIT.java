package com.acme.im.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static com.acme.im.system.SystemUnderTest.GATEWAY_A;
import static com.acme.im.system.SystemUnderTest.GATEWAY_B;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 用户资料与“我的设备”端到端：查看与修改资料（改名后新消息的推送立即带新昵称）、按 ID 查公开资料；
 * 列出已登录设备（平台、在线网关、本机标记），远程登出一台：它的 WebSocket 以 4001 关闭、令牌立即失效；
 * 坏输入 400/1001，别人的设备 404/1004。
 */
class ProfileAndDevicesIT {

    @BeforeAll
    static void system() {
        SystemUnderTest.get();
    }

    @Test
    void viewAndEditProfile() {
        ImClient alice = ImClient.register(GATEWAY_A, "profalice");
        ImClient bob = ImClient.register(GATEWAY_B, "profbob");

        JsonNode me = alice.call("GET", "/api/v1/users/me", null, true).expect(200).body();
        assertEquals(Long.toString(alice.userId()), me.path("id").asText());
        assertEquals(alice.username(), me.path("username").asText());
        assertEquals("profalice", me.path("nickname").asText());

        ObjectNode edit = ImClient.JSON.createObjectNode().put("nickname", "Alice A.").put("avatar_url", "https://cdn.example.com/alice.png");
        JsonNode updated = alice.call("PUT", "/api/v1/users/me", edit, true).expect(200).body();
        assertEquals("Alice A.", updated.path("nickname").asText());
        assertEquals("https://cdn.example.com/alice.png", updated.path("avatar_url").asText());

        // bob 按 ID 看到的公开资料：只有公开字段，且是新昵称
        JsonNode seen = bob.call("GET", "/api/v1/users/" + alice.userId(), null, true).expect(200).body();
        assertEquals("Alice A.", seen.path("nickname").asText());
        assertEquals("https://cdn.example.com/alice.png", seen.path("avatar_url").asText());
        List<String> fields = new ArrayList<>();
        seen.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("id", "username", "nickname", "avatar_url", "created_at"), fields);
        // 与按用户名找人同一种资料
        assertEquals(seen, bob.call("GET", "/api/v1/users/by-username/" + alice.username(), null, true).expect(200).body());

        // 只清头像：昵称不变
        JsonNode cleared = alice.call("PUT", "/api/v1/users/me", ImClient.JSON.createObjectNode().put("avatar_url", ""), true)
                .expect(200).body();
        assertEquals("Alice A.", cleared.path("nickname").asText());
        assertEquals("", cleared.path("avatar_url").asText());

        for (String bad : List.of("{\"nickname\":\"\"}", "{\"nickname\":\"" + "n".repeat(65) + "\"}",
                "{\"avatar_url\":\"javascript:alert(1)\"}", "{\"avatar_url\":\"ftp://example.com/a.png\"}",
                "{\"avatar_url\":\"https://" + "a".repeat(600) + "\"}", "{\"nickname\":42", "[]")) {
            ImClient.Response r = alice.raw("PUT", "/api/v1/users/me", bad, alice.accessToken());
            assertEquals(400, r.status(), bad + " -> " + r.raw());
            assertEquals(1001, r.code(), r.raw());
        }
        assertEquals("Alice A.", alice.call("GET", "/api/v1/users/me", null, true).expect(200).body().path("nickname").asText());

        ImClient.Response unknown = bob.call("GET", "/api/v1/users/987654321987", null, true);
        assertEquals(404, unknown.status(), unknown.raw());
        assertEquals(2000, unknown.code());
        for (String badId : List.of("0", "-5", "abc")) {
            ImClient.Response r = bob.call("GET", "/api/v1/users/" + badId, null, true);
            assertEquals(400, r.status(), badId + " -> " + r.raw());
            assertEquals(1001, r.code(), r.raw());
        }
        ImClient.Response anonymous = bob.raw("GET", "/api/v1/users/me", null, null);
        assertEquals(401, anonymous.status());
    }

    @Test
    void newMessagesCarryTheNewNickname() {
        PushProviderStandIn provider = SystemUnderTest.get().pushProvider();
        ImClient carol = ImClient.register(GATEWAY_A, "profcarol");
        ImClient dave = ImClient.register(GATEWAY_B, "profdave");
        PushTokenIT.register(dave, "apns", "e2e-" + UUID.randomUUID(), "dave-phone").expect(204);
        String conv = carol.openSingle(dave.userId());
        try (WsConnection ws = carol.connect()) {
            // 第一条消息让 logic 缓存了旧显示名
            String first = ws.awaitAck(ws.sendMessage(conv, "hi")).path("data").path("message_id").asText();
            assertEquals("profcarol", awaitNotification(provider, dave.userId(), first).path("sender").asText());

            carol.call("PUT", "/api/v1/users/me", ImClient.JSON.createObjectNode().put("nickname", "Carol 新名字"), true).expect(200);
            String second = ws.awaitAck(ws.sendMessage(conv, "renamed")).path("data").path("message_id").asText();
            JsonNode n = awaitNotification(provider, dave.userId(), second);
            assertEquals("Carol 新名字", n.path("sender").asText());
            assertEquals("Carol 新名字", n.path("title").asText());
        }
        // dave 的会话列表里单聊名也是新昵称
        JsonNode conversations = dave.call("GET", "/api/v1/conversations", null, true).expect(200).body();
        boolean found = false;
        for (JsonNode c : conversations.path("conversations")) {
            if (conv.equals(c.path("id").asText()) || conv.equals(c.path("conversation_id").asText())) {
                assertEquals("Carol 新名字", c.path("name").asText(), c.toString());
                found = true;
            }
        }
        assertTrue(found, conversations.toString());
    }

    @Test
    void listDevicesAndSignOneOutRemotely() throws Exception {
        ImClient web = ImClient.register(GATEWAY_A, "devuser");
        String phoneId = "phone-" + UUID.randomUUID().toString().substring(0, 8);
        ImClient phone = web.loginOn(GATEWAY_B, phoneId);
        PushTokenIT.register(phone, "fcm", "e2e-" + UUID.randomUUID(), phoneId).expect(204);
        ImClient stranger = ImClient.register(GATEWAY_A, "devstranger");

        try (WsConnection phoneSocket = phone.connect()) {
            web.awaitOnline(web.userId());
            List<JsonNode> listed = await().atMost(Duration.ofSeconds(10)).until(() -> devices(web),
                    l -> l.size() == 2 && l.get(0).path("online").asBoolean());
            JsonNode phoneEntry = listed.get(0);
            assertEquals(phoneId, phoneEntry.path("device_id").asText(), "newest login first");
            assertEquals("fcm", phoneEntry.path("platform").asText());
            assertEquals("e2e-" + GATEWAY_B, phoneEntry.path("gateway_ids").get(0).asText());
            assertFalse(phoneEntry.path("current").asBoolean());
            JsonNode webEntry = listed.get(1);
            assertFalse(webEntry.hasNonNull("device_id"), "registered without a device id: " + webEntry);
            assertFalse(webEntry.hasNonNull("platform"), webEntry.toString());
            assertFalse(webEntry.path("online").asBoolean());
            assertTrue(webEntry.path("current").asBoolean());
            assertTrue(webEntry.path("last_seen_at").asLong() >= webEntry.path("created_at").asLong());

            // 别人登出不了，也看不出这台设备存在；坏设备 ID 400
            ImClient.Response foreign = stranger.call("DELETE", "/api/v1/users/me/devices/" + phoneId, null, true);
            assertEquals(404, foreign.status(), foreign.raw());
            assertEquals(1004, foreign.code());
            for (String bad : List.of("bad%20id", "d".repeat(129))) {
                ImClient.Response r = web.call("DELETE", "/api/v1/users/me/devices/" + bad, null, true);
                assertEquals(400, r.status(), r.raw());
                assertEquals(1001, r.code(), r.raw());
            }
            assertFalse(phoneSocket.isClosed());

            web.call("DELETE", "/api/v1/users/me/devices/" + phoneId, null, true).expect(204);
            assertEquals(4001, phoneSocket.closedFuture().get(15, TimeUnit.SECONDS), "closed with session-revoked");
        }
        ImClient.Response revoked = phone.call("GET", "/api/v1/users/me", null, true);
        assertEquals(401, revoked.status(), revoked.raw());
        assertEquals(1002, revoked.code());
        List<JsonNode> left = devices(web);
        assertEquals(1, left.size());
        assertTrue(left.get(0).path("current").asBoolean());
        ImClient.Response again = web.call("DELETE", "/api/v1/users/me/devices/" + phoneId, null, true);
        assertEquals(404, again.status(), again.raw());
        // 被登出设备的推送令牌也删除了
        assertEquals(404, web.call("DELETE", "/api/v1/push-tokens/" + phoneId, null, true).status());
    }

    private static List<JsonNode> devices(ImClient c) {
        List<JsonNode> out = new ArrayList<>();
        c.call("GET", "/api/v1/users/me/devices", null, true).expect(200).body().path("devices").forEach(out::add);
        return out;
    }

    private static JsonNode awaitNotification(PushProviderStandIn provider, long userId, String messageId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> provider.notificationsFor(userId)
                .stream().filter(x -> messageId.equals(x.path("message_id").asText())).findFirst().orElse(null), x -> x != null);
    }
}
