package com.acme.im.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.acme.im.system.SystemUnderTest.GATEWAY_A;
import static com.acme.im.system.SystemUnderTest.GATEWAY_B;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 置顶、免打扰与 @ 的端到端：置顶排序、设置同步到同一用户的另一台设备（另一网关）、
 * 免打扰的离线成员收不到推送而被 @ 时照样收到、会话列表的 mentioned、历史与 new-message 带 @、
 * 普通成员 @所有人 3012、@ 非成员 3011、格式错误 3010，以及设置接口的坏输入与越权。
 */
class ConversationSettingsAndMentionsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static PushProviderStandIn provider;

    @BeforeAll
    static void system() {
        provider = SystemUnderTest.get().pushProvider();
    }

    private static ObjectNode settings(Boolean pinned, Boolean muted) {
        ObjectNode body = ImClient.JSON.createObjectNode();
        if (pinned != null) {
            body.put("pinned", pinned);
        }
        if (muted != null) {
            body.put("muted", muted);
        }
        return body;
    }

    private static String path(String conversationId) {
        return "/api/v1/conversations/" + conversationId + "/settings";
    }

    private static List<String> listIds(ImClient c) {
        List<String> ids = new ArrayList<>();
        c.call("GET", "/api/v1/conversations", null, true).expect(200).body().path("conversations")
                .forEach(x -> ids.add(x.path("id").asText()));
        return ids;
    }

    private static JsonNode listed(ImClient c, String conversationId) {
        for (JsonNode x : c.call("GET", "/api/v1/conversations", null, true).expect(200).body().path("conversations")) {
            if (conversationId.equals(x.path("id").asText())) {
                return x;
            }
        }
        throw new AssertionError(conversationId + " not in the list");
    }

    /** 带 mentions 的 send-message 帧，返回 client_msg_id。 */
    private static String sendWithMentions(WsConnection ws, String conversationId, String content, Object... mentions) {
        String clientMsgId = ImClient.newClientMsgId();
        ObjectNode frame = ImClient.JSON.createObjectNode().put("type", "send-message");
        ObjectNode data = frame.putObject("data")
                .put("conversation_id", conversationId)
                .put("message_type", 1)
                .put("content", content)
                .put("client_msg_id", clientMsgId);
        ArrayNode arr = data.putArray("mentions");
        for (Object m : mentions) {
            if (m instanceof Long l) {
                arr.add(Long.toString(l));
            } else {
                arr.add(m.toString());
            }
        }
        ws.sendText(frame.toString());
        return clientMsgId;
    }

    private static void registerToken(ImClient c) {
        ObjectNode body = ImClient.JSON.createObjectNode().put("platform", "fcm").put("token", "e2e-" + UUID.randomUUID())
                .put("device_id", "phone");
        c.call("PUT", "/api/v1/push-tokens", body, true).expect(204);
    }

    private static boolean pushed(long userId, String messageId) {
        return provider.notificationsFor(userId).stream().anyMatch(x -> messageId.equals(x.path("message_id").asText()));
    }

    @Test
    void pinnedFirstAndSettingsReachTheUsersOtherDevice() {
        ImClient alice = ImClient.register(GATEWAY_A, "pinalice");
        ImClient bob = ImClient.register(GATEWAY_A, "pinbob");
        ImClient carol = ImClient.register(GATEWAY_A, "pincarol");
        String withBob = alice.openSingle(bob.userId());
        String group = alice.createGroup("pin group", bob.userId(), carol.userId()).expect(201).body()
                .path("conversation_id").asText();
        try (WsConnection ws = alice.connect()) {
            ws.awaitAck(ws.sendMessage(withBob, "older"));
            ws.awaitAck(ws.sendMessage(group, "newer"));
        }
        List<String> before = listIds(alice);
        String last = before.get(before.size() - 1);

        // alice 的第二台设备在另一个网关上
        ImClient aliceTablet = alice.loginOn(GATEWAY_B);
        try (WsConnection tablet = aliceTablet.connect()) {
            aliceTablet.awaitOnline(alice.userId());
            JsonNode answer = alice.call("PUT", path(last), settings(true, null), true).expect(200).body();
            assertEquals(last, answer.path("conversation_id").asText());
            assertTrue(answer.path("pinned").asBoolean());
            assertFalse(answer.path("muted").asBoolean());

            JsonNode frame = tablet.await("conversation-settings", d -> last.equals(d.path("conversation_id").asText()), WAIT);
            assertTrue(frame.path("data").path("pinned").asBoolean());
            assertFalse(frame.path("data").path("muted").asBoolean());
            assertEquals(answer.path("updated_at").asLong(), frame.path("data").path("updated_at").asLong());
        }
        List<String> after = listIds(alice);
        assertEquals(last, after.get(0), "the pinned conversation comes first");
        JsonNode pinned = listed(alice, last);
        assertTrue(pinned.path("pinned").asBoolean());
        assertFalse(pinned.path("muted").asBoolean());
        assertFalse(pinned.path("mentioned").asBoolean());
        // 只对 alice 生效
        assertFalse(listed(bob, last).path("pinned").asBoolean());

        // 部分更新：只改 muted，pinned 保持；取消置顶
        JsonNode muted = alice.call("PUT", path(last), settings(null, true), true).expect(200).body();
        assertTrue(muted.path("pinned").asBoolean());
        assertTrue(muted.path("muted").asBoolean());
        JsonNode unpinned = alice.call("PUT", path(last), settings(false, null), true).expect(200).body();
        assertFalse(unpinned.path("pinned").asBoolean());
        assertTrue(unpinned.path("muted").asBoolean());
    }

    @Test
    void mutedMemberIsNotPushedUnlessMentioned() {
        ImClient owner = ImClient.register(GATEWAY_A, "mnowner");
        ImClient quiet = ImClient.register(GATEWAY_B, "mnquiet");
        ImClient loud = ImClient.register(GATEWAY_B, "mnloud");
        registerToken(quiet);
        registerToken(loud);
        String group = owner.createGroup("mention group", quiet.userId(), loud.userId()).expect(201).body()
                .path("conversation_id").asText();
        quiet.call("PUT", path(group), settings(null, true), true).expect(200);

        try (WsConnection ws = owner.connect()) {
            // 免打扰：loud 收到推送，quiet 没有
            String plain = ws.awaitAck(ws.sendMessage(group, "plain news")).path("data").path("message_id").asText();
            await().atMost(WAIT).until(() -> pushed(loud.userId(), plain));

            // 被 @：即使免打扰也推送；new-message、历史都带着 mentions
            JsonNode ack = ws.awaitAck(sendWithMentions(ws, group, "@quiet look", quiet.userId()));
            assertEquals(0, ack.path("data").path("error_code").asInt(0), ack.toString());
            String mentionId = ack.path("data").path("message_id").asText();
            await().atMost(WAIT).until(() -> pushed(quiet.userId(), mentionId));
            assertFalse(pushed(quiet.userId(), plain), "a muted conversation sends no push without a mention");

            JsonNode inList = listed(quiet, group);
            assertTrue(inList.path("muted").asBoolean());
            assertTrue(inList.path("mentioned").asBoolean());
            assertEquals(ack.path("data").path("seq_id").asLong(), inList.path("mention_seq").asLong());
            assertFalse(listed(loud, group).path("mentioned").asBoolean());

            JsonNode history = quiet.history(group, "").expect(200).body().path("messages");
            JsonNode stored = null;
            for (JsonNode m : history) {
                if (mentionId.equals(m.path("message_id").asText())) {
                    stored = m;
                }
            }
            assertEquals(List.of(Long.toString(quiet.userId())), strings(stored.path("mentions")));

            // 读到那条之后不再显示“有人@我”
            quiet.call("POST", "/api/v1/conversations/" + group + "/read",
                    ImClient.JSON.createObjectNode().put("seq", ack.path("data").path("seq_id").asLong()), true).expect(200);
            assertFalse(listed(quiet, group).path("mentioned").asBoolean());
        }
    }

    @Test
    void mentionAllIsForOwnerAndAdminsOnlyAndReachesEveryone() {
        ImClient owner = ImClient.register(GATEWAY_A, "alowner");
        ImClient member = ImClient.register(GATEWAY_A, "almember");
        ImClient other = ImClient.register(GATEWAY_B, "alother");
        ImClient outsider = ImClient.register(GATEWAY_A, "aloutsider");
        String group = owner.createGroup("all group", member.userId(), other.userId()).expect(201).body()
                .path("conversation_id").asText();
        try (WsConnection memberWs = member.connect(); WsConnection otherWs = other.connect()) {
            owner.awaitOnline(member.userId(), other.userId());
            // 普通成员 @所有人：3012，什么都不存
            JsonNode refused = memberWs.awaitAck(sendWithMentions(memberWs, group, "@all hi", "all"));
            assertEquals(3012, refused.path("data").path("error_code").asInt(), refused.toString());
            // @ 非成员：3011
            JsonNode notMember = memberWs.awaitAck(sendWithMentions(memberWs, group, "@x hi", outsider.userId()));
            assertEquals(3011, notMember.path("data").path("error_code").asInt(), notMember.toString());
            assertEquals(0, owner.history(group, "").expect(200).body().path("messages").size(), "nothing was stored");

            try (WsConnection ownerWs = owner.connect()) {
                JsonNode ok = ownerWs.awaitAck(sendWithMentions(ownerWs, group, "@all meeting", "all"));
                String id = ok.path("data").path("message_id").asText();
                JsonNode delivered = otherWs.await("new-message", d -> id.equals(d.path("message_id").asText()), WAIT);
                assertEquals(List.of("all"), strings(delivered.path("data").path("mentions")));
                assertTrue(listed(other, group).path("mentioned").asBoolean());
                assertTrue(listed(member, group).path("mentioned").asBoolean());
                assertFalse(listed(owner, group).path("mentioned").asBoolean(), "the sender is not mentioned by himself");
            }
        }
    }

    @Test
    void badMentionsAndBadSettingsGetClearCodes() {
        ImClient alice = ImClient.register(GATEWAY_A, "bmalice");
        ImClient bob = ImClient.register(GATEWAY_A, "bmbob");
        ImClient outsider = ImClient.register(GATEWAY_A, "bmoutsider");
        String single = alice.openSingle(bob.userId());
        String group = alice.createGroup("bad mentions", bob.userId()).expect(201).body().path("conversation_id").asText();
        try (WsConnection ws = alice.connect()) {
            for (String mentions : List.of("\"all\"", "[\"bob\"]", "[0]", "[-5]", "[1.5]", "[{}]", "[true]",
                    manyMentions())) {
                String clientMsgId = ImClient.newClientMsgId();
                ws.sendText("{\"type\":\"send-message\",\"data\":{\"conversation_id\":\"" + group
                        + "\",\"message_type\":1,\"content\":\"x\",\"client_msg_id\":\"" + clientMsgId
                        + "\",\"mentions\":" + mentions + "}}");
                JsonNode error = ws.await("error", d -> clientMsgId.equals(d.path("client_msg_id").asText()), WAIT);
                assertEquals(3010, error.path("data").path("code").asInt(), mentions);
            }
            String inSingle = sendWithMentions(ws, single, "hi", bob.userId());
            assertEquals(3010, ws.await("error", d -> inSingle.equals(d.path("client_msg_id").asText()), WAIT)
                    .path("data").path("code").asInt());
            // 重复项合并、空数组视为没有 @
            JsonNode ok = ws.awaitAck(sendWithMentions(ws, group, "twice", bob.userId(), bob.userId()));
            assertEquals(0, ok.path("data").path("error_code").asInt(0), ok.toString());
        }

        for (ImClient.Response r : List.of(
                alice.call("PUT", path(group), ImClient.JSON.createObjectNode(), true),
                alice.raw("PUT", path(group), "{\"pinned\":\"yes\"}", alice.accessToken()),
                alice.raw("PUT", path(group), "{\"muted\":1}", alice.accessToken()),
                alice.raw("PUT", path(group), "{not json", alice.accessToken()),
                alice.call("PUT", path("bad%20id"), settings(true, null), true),
                alice.call("PUT", path("x_1"), settings(true, null), true))) {
            assertEquals(400, r.status(), r.raw());
            assertEquals(1001, r.code(), r.raw());
        }
        ImClient.Response notInGroup = outsider.call("PUT", path(group), settings(true, null), true);
        assertEquals(403, notInGroup.status(), notInGroup.raw());
        assertEquals(4001, notInGroup.code());
        ImClient.Response notInSingle = outsider.call("PUT", path(single), settings(true, null), true);
        assertEquals(403, notInSingle.status(), notInSingle.raw());
        assertEquals(1003, notInSingle.code());
        ImClient.Response anonymous = alice.raw("PUT", path(group), "{\"pinned\":true}", null);
        assertEquals(401, anonymous.status());
        assertEquals(1002, anonymous.code());
    }

    private static String manyMentions() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 1; i <= 21; i++) {
            sb.append(i == 1 ? "" : ",").append(i);
        }
        return sb.append("]").toString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }
}
