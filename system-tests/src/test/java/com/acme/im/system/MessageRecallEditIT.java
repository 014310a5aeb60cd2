package com.acme.im.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.acme.im.system.SystemUnderTest.GATEWAY_A;
import static com.acme.im.system.SystemUnderTest.GATEWAY_B;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 撤回、编辑、回复与正在输入的端到端：真实客户端经两个网关、logic、repo、Kafka、index-function 与 Elasticsearch。
 * 被测系统的撤回时间窗是 {@link SystemUnderTest#RECALL_WINDOW}（默认 2 分钟太长，测不了“超过时间窗”）。
 */
class MessageRecallEditIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration INDEXING = Duration.ofSeconds(40);

    @BeforeAll
    static void system() {
        SystemUnderTest.get();
    }

    private static String tag() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String idOf(JsonNode ack) {
        assertFalse(ack.path("data").has("error_code"), ack.toString());
        return ack.path("data").path("message_id").asText();
    }

    private static String messagePath(String conv, String messageId) {
        return "/api/v1/conversations/" + conv + "/messages/" + messageId;
    }

    private static ImClient.Response recall(ImClient c, String conv, String messageId) {
        return c.call("POST", messagePath(conv, messageId) + "/recall", null, true);
    }

    private static ImClient.Response edit(ImClient c, String conv, String messageId, String content) {
        return c.call("PATCH", messagePath(conv, messageId), ImClient.JSON.createObjectNode().put("content", content), true);
    }

    private static JsonNode inHistory(ImClient c, String conv, String messageId) {
        for (JsonNode m : c.history(conv, "").expect(200).body().path("messages")) {
            if (messageId.equals(m.path("message_id").asText())) {
                return m;
            }
        }
        throw new AssertionError("message " + messageId + " not in the history of " + conv);
    }

    private static long searchTotal(ImClient c, String query) {
        return c.call("GET", "/api/v1/search/messages?q=" + ImClient.enc(query), null, true).expect(200).body().path("total").asLong();
    }

    private static void assertError(ImClient.Response r, int status, int code) {
        assertEquals(status, r.status(), r.raw());
        assertEquals(code, r.code(), r.raw());
    }

    @Test
    void recallReachesEveryOnlineDeviceReplacesHistoryAndLeavesSearch() {
        ImClient alice = ImClient.register(GATEWAY_A, "rc_alice");
        ImClient bob = ImClient.register(GATEWAY_B, "rc_bob");
        String conv = alice.openSingle(bob.userId());
        String tag = tag();
        try (WsConnection phone = alice.connect(); WsConnection laptop = alice.connect(); WsConnection b = bob.connect()) {
            alice.awaitOnline(alice.userId(), bob.userId());
            String id = idOf(phone.awaitAck(phone.sendMessage(conv, "oops wrong chat " + tag)));
            // 先确认已被索引，撤回后再确认它从索引里消失
            await().atMost(INDEXING).pollInterval(Duration.ofMillis(300)).until(() -> searchTotal(bob, tag) == 1);

            ImClient.Response r = recall(alice, conv, id).expect(200);
            assertTrue(r.body().path("recalled").asBoolean(), r.raw());
            assertEquals("", r.body().path("content").asText());
            assertEquals(Long.toString(alice.userId()), r.body().path("recalled_by").asText());

            // 对方与撤回者的其他设备（含发起请求的那台）都收到 message-recalled
            for (WsConnection c : new WsConnection[] {b, laptop, phone}) {
                JsonNode f = c.await("message-recalled", d -> id.equals(d.path("message_id").asText()), WAIT);
                assertEquals(conv, f.path("data").path("conversation_id").asText());
                assertEquals(Long.toString(alice.userId()), f.path("data").path("recalled_by").asText());
            }
            assertFalse(b.frames().stream().filter(f -> "message-recalled".equals(f.path("type").asText()))
                    .anyMatch(f -> f.toString().contains(tag)), "the frame carries no original text");

            // 历史返回墓碑
            JsonNode tomb = inHistory(bob, conv, id);
            assertTrue(tomb.path("recalled").asBoolean(), tomb.toString());
            assertEquals("", tomb.path("content").asText());
            assertTrue(tomb.path("recalled_at").asLong() > 0);
            assertFalse(bob.history(conv, "").raw().contains(tag), "history no longer has the text");

            // 搜索不再命中
            await().atMost(INDEXING).pollInterval(Duration.ofMillis(300)).until(() -> searchTotal(bob, tag) == 0);

            // 撤回者重试（上次的响应丢了）：同一个墓碑，不报错；别人再撤回 3005；已撤回不能编辑
            ImClient.Response again = recall(alice, conv, id).expect(200);
            assertEquals(r.body().path("recalled_at").asLong(), again.body().path("recalled_at").asLong(), again.raw());
            assertTrue(again.body().path("recalled").asBoolean(), again.raw());
            assertError(recall(bob, conv, id), 409, 3005);
            assertError(edit(alice, conv, id, "resurrect"), 409, 3005);
        }
    }

    @Test
    void editIsSeenLiveInHistoryAndInSearch() {
        ImClient alice = ImClient.register(GATEWAY_A, "ed_alice");
        ImClient bob = ImClient.register(GATEWAY_B, "ed_bob");
        String conv = alice.openSingle(bob.userId());
        String before = tag();
        String after = tag();
        try (WsConnection a = alice.connect(); WsConnection b = bob.connect()) {
            alice.awaitOnline(alice.userId(), bob.userId());
            String id = idOf(a.awaitAck(a.sendMessage(conv, "meet at 5 " + before)));
            b.await("new-message", d -> id.equals(d.path("message_id").asText()), WAIT);

            ImClient.Response r = edit(alice, conv, id, "meet at 6 " + after).expect(200);
            assertEquals("meet at 6 " + after, r.body().path("content").asText());
            long editedAt = r.body().path("edited_at").asLong();
            assertTrue(editedAt > 0, r.raw());

            JsonNode f = b.await("message-edited", d -> id.equals(d.path("message_id").asText()), WAIT);
            assertEquals("meet at 6 " + after, f.path("data").path("content").asText());
            assertEquals(editedAt, f.path("data").path("edited_at").asLong());

            JsonNode stored = inHistory(bob, conv, id);
            assertEquals("meet at 6 " + after, stored.path("content").asText());
            assertEquals(editedAt, stored.path("edited_at").asLong());

            await().atMost(INDEXING).pollInterval(Duration.ofMillis(300)).until(() -> searchTotal(bob, after) == 1);
            await().atMost(INDEXING).pollInterval(Duration.ofMillis(300)).until(() -> searchTotal(bob, before) == 0);

            // 只有发送者能编辑；内容规则与发送相同
            assertError(edit(bob, conv, id, "hijacked"), 403, 3003);
            assertError(edit(alice, conv, id, "   "), 400, 3002);
            assertError(edit(alice, conv, id, "y".repeat(4097)), 400, 3002);
            assertEquals("meet at 6 " + after, inHistory(bob, conv, id).path("content").asText());
        }
    }

    @Test
    void groupOwnerRecallsAnyMessageOthersGetTheirCodes() {
        ImClient owner = ImClient.register(GATEWAY_A, "rg_owner");
        ImClient member = ImClient.register(GATEWAY_B, "rg_member");
        ImClient other = ImClient.register(GATEWAY_B, "rg_other");
        ImClient outsider = ImClient.register(GATEWAY_A, "rg_out");
        String group = owner.createGroup("recall rules", member.userId(), other.userId()).expect(201).body()
                .path("conversation_id").asText();
        String single = owner.openSingle(member.userId());
        String memberMsg;
        String ownerMsg;
        String singleMsg;
        try (WsConnection o = owner.connect(); WsConnection m = member.connect()) {
            memberMsg = idOf(m.awaitAck(m.sendMessage(group, "spam by member")));
            ownerMsg = idOf(o.awaitAck(o.sendMessage(group, "owner speaking")));
            singleMsg = idOf(o.awaitAck(o.sendMessage(single, "private")));
        }
        // 普通成员不能撤回别人的消息；外人不是成员；别的会话的消息与不存在的消息都是 3000
        assertError(recall(other, group, memberMsg), 403, 3003);
        assertError(recall(member, group, ownerMsg), 403, 3003);
        assertError(recall(outsider, group, memberMsg), 403, 4001);
        assertError(recall(outsider, single, singleMsg), 403, 1003);
        assertError(recall(owner, group, singleMsg), 404, 3000);
        assertError(recall(owner, group, "987654321987654"), 404, 3000);
        assertError(edit(outsider, group, memberMsg, "x"), 403, 4001);
        assertEquals(400, recall(owner, group, "not-a-number").status());

        // 群主撤回成员的消息
        ImClient.Response r = recall(owner, group, memberMsg).expect(200);
        assertEquals(Long.toString(owner.userId()), r.body().path("recalled_by").asText());
        assertTrue(inHistory(other, group, memberMsg).path("recalled").asBoolean());
        assertFalse(inHistory(other, group, ownerMsg).has("recalled"), "other messages untouched");
    }

    @Test
    void anAdminRecallsMembersMessagesButNotTheOwnersOrAnotherAdmins() {
        ImClient owner = ImClient.register(GATEWAY_A, "ra_owner");
        ImClient admin = ImClient.register(GATEWAY_B, "ra_admin");
        ImClient admin2 = ImClient.register(GATEWAY_B, "ra_admin2");
        ImClient member = ImClient.register(GATEWAY_A, "ra_member");
        JsonNode created = owner.createGroup("recall ranks", admin.userId(), admin2.userId(), member.userId()).expect(201).body();
        String group = created.path("conversation_id").asText();
        String base = "/api/v1/groups/" + created.path("id").asText();
        for (ImClient a : List.of(admin, admin2)) {
            ObjectNode role = ImClient.JSON.createObjectNode().put("role", "admin");
            owner.call("PUT", base + "/members/" + a.userId() + "/role", role, true).expect(200);
        }
        String ownerMsg;
        String admin2Msg;
        String memberMsg;
        try (WsConnection o = owner.connect(); WsConnection a2 = admin2.connect(); WsConnection m = member.connect()) {
            ownerMsg = idOf(o.awaitAck(o.sendMessage(group, "the owner's word")));
            admin2Msg = idOf(a2.awaitAck(a2.sendMessage(group, "another admin's word")));
            memberMsg = idOf(m.awaitAck(m.sendMessage(group, "a member's word")));
        }
        // 管理员撤回不了群主与其他管理员的消息；群主可以撤回管理员的
        assertError(recall(admin, group, ownerMsg), 403, 3003);
        assertError(recall(admin, group, admin2Msg), 403, 3003);
        assertTrue(recall(admin, group, memberMsg).expect(200).body().path("recalled").asBoolean());
        assertTrue(recall(owner, group, admin2Msg).expect(200).body().path("recalled").asBoolean());
        assertFalse(inHistory(member, group, ownerMsg).has("recalled"), "the owner's message stays");
    }

    @Test
    void senderCannotRecallAfterTheWindowButAnAdminStillCan() {
        ImClient owner = ImClient.register(GATEWAY_A, "rw_owner");
        ImClient member = ImClient.register(GATEWAY_B, "rw_member");
        String group = owner.createGroup("recall window", member.userId()).expect(201).body().path("conversation_id").asText();
        String id;
        try (WsConnection m = member.connect()) {
            id = idOf(m.awaitAck(m.sendMessage(group, "too late to take back")));
        }
        long sentAt = inHistory(member, group, id).path("timestamp").asLong();
        // 等到时间窗过去（被测系统的撤回时间窗很短）
        long due = sentAt + SystemUnderTest.RECALL_WINDOW.toMillis() + 500;
        await().atMost(SystemUnderTest.RECALL_WINDOW.plusSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> System.currentTimeMillis() > due);
        assertError(recall(member, group, id), 403, 3004);
        // 编辑时间窗（默认 15 分钟）还没过
        assertEquals("fixed", edit(member, group, id, "fixed").expect(200).body().path("content").asText());
        // 群主不受时间窗限制
        assertTrue(recall(owner, group, id).expect(200).body().path("recalled").asBoolean());
    }

    @Test
    void replyPointsAtAMessageOfTheSameConversation() {
        ImClient alice = ImClient.register(GATEWAY_A, "rp_alice");
        ImClient bob = ImClient.register(GATEWAY_B, "rp_bob");
        ImClient carol = ImClient.register(GATEWAY_A, "rp_carol");
        String conv = alice.openSingle(bob.userId());
        String elsewhere = alice.openSingle(carol.userId());
        try (WsConnection a = alice.connect(); WsConnection b = bob.connect()) {
            alice.awaitOnline(alice.userId(), bob.userId());
            String question = idOf(a.awaitAck(a.sendMessage(conv, "lunch?")));
            String foreign = idOf(a.awaitAck(a.sendMessage(elsewhere, "hi carol")));

            String cid = ImClient.newClientMsgId();
            b.sendText(reply(conv, "yes!", cid, question));
            String answer = idOf(b.awaitAck(cid));
            JsonNode live = a.await("new-message", d -> answer.equals(d.path("message_id").asText()), WAIT);
            assertEquals(question, live.path("data").path("reply_to").asText());
            assertEquals(question, inHistory(alice, conv, answer).path("reply_to").asText());
            assertFalse(inHistory(alice, conv, question).has("reply_to"));

            // 引用别的会话的消息、不存在的消息：ack 带 3006，什么也没存
            int before = bob.history(conv, "").expect(200).body().path("messages").size();
            String bad1 = ImClient.newClientMsgId();
            b.sendText(reply(conv, "sneaky quote", bad1, foreign));
            assertEquals(3006, b.awaitAck(bad1).path("data").path("error_code").asInt());
            String bad2 = ImClient.newClientMsgId();
            b.sendText(reply(conv, "ghost quote", bad2, "987654321987654"));
            assertEquals(3006, b.awaitAck(bad2).path("data").path("error_code").asInt());
            assertEquals(before, bob.history(conv, "").expect(200).body().path("messages").size());
            assertFalse(bob.history(conv, "").raw().contains("hi carol"), "nothing of the other conversation leaks");
        }
    }

    private static String reply(String conv, String content, String clientMsgId, String replyTo) {
        ObjectNode frame = ImClient.JSON.createObjectNode().put("type", "send-message");
        frame.putObject("data").put("conversation_id", conv).put("message_type", 1).put("content", content)
                .put("client_msg_id", clientMsgId).put("reply_to", replyTo);
        return frame.toString();
    }

    private static String typing(String conv, String frameId) {
        return "{\"type\":\"typing\",\"message_id\":\"" + frameId + "\",\"data\":{\"conversation_id\":\"" + conv + "\"}}";
    }

    @Test
    void typingReachesOnlyTheOtherOnlineMembersIsThrottledAndNeverStored() {
        ImClient alice = ImClient.register(GATEWAY_A, "ty_alice");
        ImClient bob = ImClient.register(GATEWAY_B, "ty_bob");
        ImClient dave = ImClient.register(GATEWAY_A, "ty_dave");
        ImClient carol = ImClient.register(GATEWAY_B, "ty_carol");
        String group = alice.createGroup("typing", bob.userId(), dave.userId()).expect(201).body().path("conversation_id").asText();
        try (WsConnection a = alice.connect(); WsConnection a2 = alice.connect(); WsConnection b = bob.connect();
             WsConnection d = dave.connect(); WsConnection c = carol.connect()) {
            alice.awaitOnline(alice.userId(), bob.userId(), dave.userId(), carol.userId());
            // 连打三次：3 秒内只转发一次
            a.sendText(typing(group, "t1"));
            a.sendText(typing(group, "t2"));
            a.sendText(typing(group, "t3"));
            for (WsConnection member : new WsConnection[] {b, d}) {
                JsonNode f = member.await("typing", x -> group.equals(x.path("conversation_id").asText()), WAIT);
                assertEquals(Long.toString(alice.userId()), f.path("data").path("user_id").asText());
            }
            // 一条真消息走存储路径，作为“之后”的标记：它到达时，被限频的提示早已在网关被丢弃
            String id = idOf(a.awaitAck(a.sendMessage(group, "after typing")));
            b.await("new-message", x -> id.equals(x.path("message_id").asText()), WAIT);
            d.await("new-message", x -> id.equals(x.path("message_id").asText()), WAIT);
            a2.await("new-message", x -> id.equals(x.path("message_id").asText()), WAIT);
            assertEquals(1, b.framesOf("typing").size(), b.framesOf("typing").toString());
            assertEquals(1, d.framesOf("typing").size());
            assertTrue(a.framesOf("typing").isEmpty() && a2.framesOf("typing").isEmpty(), "never back to the typist");
            assertTrue(c.framesOf("typing").isEmpty(), "never to non-members");
            assertTrue(a.framesOf("error").isEmpty(), a.framesOf("error").toString());

            // 外人：error 4001，且这一帧的 ID 原样带回；socket 仍可用
            c.sendText(typing(group, "x1"));
            JsonNode error = c.await("error", x -> true, WAIT);
            assertEquals(4001, error.path("data").path("code").asInt(), error.toString());
            assertEquals("x1", error.path("message_id").asText());
            assertFalse(c.isClosed());

            // 不存储：历史里只有那条真消息
            JsonNode messages = bob.history(group, "").expect(200).body().path("messages");
            assertEquals(1, messages.size(), messages.toString());
        }
    }
}
