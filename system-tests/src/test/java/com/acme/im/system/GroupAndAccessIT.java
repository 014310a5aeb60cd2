package com.acme.im.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static com.acme.im.system.SystemUnderTest.GATEWAY_A;
import static com.acme.im.system.SystemUnderTest.GATEWAY_B;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 群聊与访问控制端到端：建群、加入、离开、移除的权限；非成员既不能读也不能发；世界聊天室；登出立即生效。
 */
class GroupAndAccessIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeAll
    static void system() {
        SystemUnderTest.get();
    }

    @Test
    void groupLifecycleWithPermissions() {
        ImClient owner = ImClient.register(GATEWAY_A, "owner");
        ImClient member = ImClient.register(GATEWAY_B, "member");
        ImClient other = ImClient.register(GATEWAY_B, "other");
        ImClient outsider = ImClient.register(GATEWAY_A, "outsider");

        JsonNode group = owner.createGroup("team", member.userId()).expect(201).body();
        String groupId = group.path("id").asText();
        String conv = group.path("conversation_id").asText();
        assertEquals("g_" + groupId, conv);
        assertEquals(2, group.path("member_count").asInt());

        // 自己加入
        JsonNode joined = other.call("POST", "/api/v1/groups/" + groupId + "/members",
                ImClient.JSON.createObjectNode(), true).expect(200).body();
        assertEquals(3, joined.path("group").path("member_count").asInt());

        // 普通成员不能移除别人
        ImClient.Response denied = member.call("DELETE", "/api/v1/groups/" + groupId + "/members/" + other.userId(), null, true);
        assertEquals(403, denied.status(), denied.raw());
        assertTrue(denied.code() == 1003 || denied.code() == 4001, denied.raw());

        // 成员消息到达全部在线成员，发送者以外
        try (WsConnection o = owner.connect(); WsConnection m = member.connect(); WsConnection x = other.connect();
             WsConnection out = outsider.connect()) {
            owner.awaitOnline(owner.userId(), member.userId(), other.userId());
            String cid = m.sendMessage(conv, "hello team");
            String messageId = m.awaitAck(cid).path("data").path("message_id").asText();
            for (WsConnection c : List.of(o, x)) {
                c.await("new-message", d -> messageId.equals(d.path("message_id").asText()), WAIT);
            }

            // 非成员发送：ack 带错误码，不存储
            String bad = out.sendMessage(conv, "let me in");
            JsonNode ack = out.awaitAck(bad);
            int code = ack.path("data").path("error_code").asInt();
            assertTrue(code == 4001 || code == 1003, ack.toString());

            // 群主移除成员；被移除者之后不能再发、不能再读
            owner.call("DELETE", "/api/v1/groups/" + groupId + "/members/" + other.userId(), null, true).expect(200);
            String after = x.sendMessage(conv, "am I still here?");
            int removedCode = x.awaitAck(after).path("data").path("error_code").asInt();
            assertTrue(removedCode == 4001 || removedCode == 1003);
        }
        for (ImClient c : List.of(outsider, other)) {
            ImClient.Response history = c.history(conv, "");
            assertEquals(403, history.status(), history.raw());
        }
        JsonNode stored = owner.history(conv, "").expect(200).body();
        assertEquals(1, stored.path("messages").size(), "only the member's message is stored: " + stored);

        // 成员自己离开
        member.call("DELETE", "/api/v1/groups/" + groupId + "/members/" + member.userId(), null, true).expect(200);
        JsonNode members = owner.call("GET", "/api/v1/groups/" + groupId + "/members", null, true).expect(200).body();
        assertEquals(1, members.path("total").asInt(), members.toString());
        assertEquals(403, outsider.call("GET", "/api/v1/groups/" + groupId + "/members", null, true).status());
        assertEquals(404, owner.call("GET", "/api/v1/groups/987654321", null, true).status());
    }

    @Test
    void worldRoomReachesEveryOnlineMember() {
        ImClient a = ImClient.register(GATEWAY_A, "w1");
        ImClient b = ImClient.register(GATEWAY_B, "w2");
        ImClient c = ImClient.register(GATEWAY_B, "w3");
        for (ImClient u : List.of(a, b, c)) {
            assertEquals("world", u.call("POST", "/api/v1/world/join", null, true).expect(200).body()
                    .path("conversation_id").asText());
        }
        try (WsConnection wa = a.connect(); WsConnection wb = b.connect(); WsConnection wc = c.connect()) {
            a.awaitOnline(a.userId(), b.userId(), c.userId());
            String cid = wa.sendMessage("world", "hello world");
            String id = wa.awaitAck(cid).path("data").path("message_id").asText();
            wb.await("new-message", d -> id.equals(d.path("message_id").asText()), WAIT);
            wc.await("new-message", d -> id.equals(d.path("message_id").asText()), WAIT);

            c.call("DELETE", "/api/v1/world/join", null, true).expect(200, 204);
            String cid2 = wa.sendMessage("world", "after leave");
            String id2 = wa.awaitAck(cid2).path("data").path("message_id").asText();
            wb.await("new-message", d -> id2.equals(d.path("message_id").asText()), WAIT);
            assertTrue(wc.framesOf("new-message").stream().noneMatch(f -> id2.equals(f.path("data").path("message_id").asText())),
                    "a user who left the world room no longer receives it");
            int code = wc.awaitAck(wc.sendMessage("world", "not in")).path("data").path("error_code").asInt();
            assertEquals(1003, code);
        }
    }

    @Test
    void logoutStopsAccessAndRefreshAtOnceOnEveryGateway() {
        ImClient u = ImClient.register(GATEWAY_A, "leaver");
        ImClient onB = u.loginOn(GATEWAY_B);
        try (WsConnection ws = u.connect()) {
            u.call("DELETE", "/api/v1/auth/logout", null, true).expect(200, 204);
            // 该会话的套接字被立即关闭
            await().atMost(Duration.ofSeconds(5)).until(ws::isClosed);
        }
        ImClient.Response rest = u.call("GET", "/api/v1/conversations", null, true);
        assertEquals(401, rest.status());
        assertEquals(1002, rest.code());
        // 另一个网关上同样立即失效
        ImClient.Response onOtherGateway = onB.raw("GET", "/api/v1/conversations", null, u.accessToken());
        assertEquals(401, onOtherGateway.status(), onOtherGateway.raw());
        ImClient.Response refresh = u.call("POST", "/api/v1/auth/refresh",
                ImClient.JSON.createObjectNode().put("refresh_token", u.refreshToken()), false);
        assertEquals(401, refresh.status(), refresh.raw());
        assertThrows(IllegalStateException.class, u::connect, "upgrade with a revoked token must be refused");
        // 另一台设备的会话不受影响
        onB.call("GET", "/api/v1/conversations", null, true).expect(200);
    }

    @Test
    void refreshRotatesTokens() {
        ImClient u = ImClient.register(GATEWAY_A, "rotator");
        JsonNode first = u.call("POST", "/api/v1/auth/refresh",
                ImClient.JSON.createObjectNode().put("refresh_token", u.refreshToken()), false).expect(200).body();
        String rotated = first.path("refresh_token").asText();
        assertTrue(!rotated.isEmpty() && !rotated.equals(u.refreshToken()));
        // 旧刷新令牌重放失败
        assertEquals(401, u.call("POST", "/api/v1/auth/refresh",
                ImClient.JSON.createObjectNode().put("refresh_token", u.refreshToken()), false).status());
    }
}
