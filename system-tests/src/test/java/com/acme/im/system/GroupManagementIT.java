package com.acme.im.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.acme.im.system.SystemUnderTest.GATEWAY_A;
import static com.acme.im.system.SystemUnderTest.GATEWAY_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 群管理端到端：任免管理员、公告（成员收到 group-updated，群信息带公告）、成员禁言与全员禁言（message-ack 4004）、
 * 转让群主、解散（成员收到帧，发消息 4003，历史仍可读）。权限的完整矩阵见 logic-app 的 GroupManagementIT。
 */
class GroupManagementIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeAll
    static void system() {
        SystemUnderTest.get();
    }

    private static ObjectNode body(String field, Object value) {
        ObjectNode n = ImClient.JSON.createObjectNode();
        if (value instanceof Boolean b) {
            n.put(field, b);
        } else if (value instanceof Long l) {
            n.put(field, l);
        } else {
            n.put(field, String.valueOf(value));
        }
        return n;
    }

    private static int ackCode(WsConnection ws, String conv, String text) {
        return ws.awaitAck(ws.sendMessage(conv, text)).path("data").path("error_code").asInt();
    }

    @Test
    void managementRulesReachMembersAndTheMessagePath() {
        ImClient owner = ImClient.register(GATEWAY_A, "mgo");
        ImClient admin = ImClient.register(GATEWAY_B, "mga");
        ImClient member = ImClient.register(GATEWAY_B, "mgm");
        JsonNode group = owner.createGroup("managed", admin.userId(), member.userId()).expect(201).body();
        String id = group.path("id").asText();
        String conv = group.path("conversation_id").asText();
        String base = "/api/v1/groups/" + id;

        // 任免管理员：仅群主
        JsonNode promoted = owner.call("PUT", base + "/members/" + admin.userId() + "/role", body("role", "admin"), true)
                .expect(200).body();
        assertEquals("admin", promoted.path("role").asText());
        ImClient.Response denied = member.call("PUT", base + "/members/" + member.userId() + "/role", body("role", "admin"), true);
        assertEquals(403, denied.status(), denied.raw());
        assertEquals(1003, denied.code());

        try (WsConnection o = owner.connect(); WsConnection a = admin.connect(); WsConnection m = member.connect()) {
            owner.awaitOnline(owner.userId(), admin.userId(), member.userId());

            // 公告：管理员设置，成员收到帧，群信息带公告
            admin.call("PUT", base + "/announcement", body("announcement", "ship it friday"), true).expect(200);
            JsonNode frame = m.await("group-updated", d -> "announcement".equals(d.path("change").asText()), WAIT);
            assertEquals("ship it friday", frame.path("data").path("group").path("announcement").asText(), frame.toString());
            assertEquals("ship it friday", member.call("GET", base, null, true).expect(200).body().path("announcement").asText());

            // 成员禁言：被禁者收到 4004，管理员不能禁言群主
            admin.call("PUT", base + "/members/" + member.userId() + "/mute", body("muted", true), true).expect(200);
            m.await("group-updated", d -> "member_muted".equals(d.path("change").asText()), WAIT);
            assertEquals(4004, ackCode(m, conv, "can I talk?"));
            ImClient.Response muteOwner = admin.call("PUT", base + "/members/" + owner.userId() + "/mute", body("muted", true), true);
            assertEquals(1003, muteOwner.code(), muteOwner.raw());
            admin.call("PUT", base + "/members/" + member.userId() + "/mute", body("muted", false), true).expect(200);
            assertEquals(0, ackCode(m, conv, "back again"));

            // 全员禁言：普通成员 4004，管理员与群主照常
            owner.call("PUT", base + "/mute", body("muted", true), true).expect(200);
            assertEquals(4004, ackCode(m, conv, "quiet please"));
            assertEquals(0, ackCode(a, conv, "admins may talk"));
            owner.call("PUT", base + "/mute", body("muted", false), true).expect(200);

            // 转让：原群主变管理员
            JsonNode transferred = owner.call("POST", base + "/transfer", body("user_id", admin.userId()), true)
                    .expect(200).body();
            assertEquals(Long.toString(admin.userId()), transferred.path("owner_id").asText());
            assertEquals("admin", owner.call("GET", base, null, true).expect(200).body().path("my_role").asText());
            assertEquals(1003, owner.call("DELETE", base, null, true).code());

            // 解散：成员收到帧，之后发消息 4003，历史仍可读
            JsonNode dissolved = admin.call("DELETE", base, null, true).expect(200).body();
            assertTrue(dissolved.path("dissolved_at").asLong() > 0, dissolved.toString());
            m.await("group-updated", d -> "dissolved".equals(d.path("change").asText()), WAIT);
            assertEquals(4003, ackCode(m, conv, "anyone there?"));
            assertEquals(4003, ackCode(o, conv, "owner too"));
            JsonNode history = member.history(conv, "").expect(200).body();
            assertEquals(2, history.path("messages").size(), history.toString());
            assertEquals(409, admin.call("PUT", base + "/announcement", body("announcement", "late"), true).status());
        }
    }
}
