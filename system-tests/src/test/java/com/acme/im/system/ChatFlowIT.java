package com.acme.im.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static com.acme.im.system.SystemUnderTest.GATEWAY_A;
import static com.acme.im.system.SystemUnderTest.GATEWAY_B;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 单聊端到端：两个网关实例、多设备、顺序与完整性、断线补拉、重发幂等、已读回执与在线状态。
 */
class ChatFlowIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeAll
    static void system() {
        SystemUnderTest.get();
    }

    @Test
    void usersOnDifferentGatewaysChatBothWaysAndEveryDeviceReceives() {
        ImClient alice = ImClient.register(GATEWAY_A, "alice");
        ImClient bob = ImClient.register(GATEWAY_B, "bob");
        ImClient bobPhone = bob.loginOn(GATEWAY_A);
        String conv = alice.openSingle(bob.userId());
        assertEquals("s_" + Math.min(alice.userId(), bob.userId()) + "_" + Math.max(alice.userId(), bob.userId()), conv);

        try (WsConnection a = alice.connect(); WsConnection b1 = bob.connect(); WsConnection b2 = bobPhone.connect()) {
            alice.awaitOnline(bob.userId());
            String id1 = a.sendMessage(conv, "hi bob");
            JsonNode ack = a.awaitAck(id1);
            assertFalse(ack.path("data").has("error_code"), ack.toString());
            String messageId = ack.path("data").path("message_id").asText();
            for (WsConnection device : List.of(b1, b2)) {
                JsonNode m = device.await("new-message", d -> messageId.equals(d.path("message_id").asText()), WAIT);
                assertEquals("hi bob", m.path("data").path("content").asText());
                assertEquals(String.valueOf(alice.userId()), m.path("data").path("sender_id").asText());
                assertEquals(conv, m.path("data").path("conversation_id").asText());
            }

            // 反方向：bob 从 B 网关回复，alice 收到，bob 的另一台设备也收到，发送设备只收到 ack
            String id2 = b1.sendMessage(conv, "hello alice");
            String reply = b1.awaitAck(id2).path("data").path("message_id").asText();
            a.await("new-message", d -> reply.equals(d.path("message_id").asText()), WAIT);
            b2.await("new-message", d -> reply.equals(d.path("message_id").asText()), WAIT);
            assertTrue(b1.framesOf("new-message").stream()
                    .noneMatch(f -> reply.equals(f.path("data").path("message_id").asText())),
                    "the sending socket must get an ack, not its own message back");
        }
    }

    @Test
    void thousandFastMessagesArriveInSeqOrderWithoutGapOrDuplicate() {
        ImClient sender = ImClient.register(GATEWAY_A, "fast");
        ImClient receiver = ImClient.register(GATEWAY_B, "sink");
        String conv = sender.openSingle(receiver.userId());
        int n = 1000;
        try (WsConnection s = sender.connect(); WsConnection r = receiver.connect()) {
            sender.awaitOnline(receiver.userId());
            for (int i = 0; i < n; i++) {
                s.sendMessage(conv, "m" + i);
            }
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                        .until(() -> r.framesOf("new-message").size() >= n);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                Set<Long> seqs = new java.util.TreeSet<>();
                r.framesOf("new-message").forEach(f -> seqs.add(f.path("data").path("seq_id").asLong()));
                throw new AssertionError("received " + r.framesOf("new-message").size() + " of " + n
                        + " (seq range " + seqs.stream().findFirst().orElse(-1L) + ".." + seqs.stream().reduce((x, y) -> y).orElse(-1L) + ")"
                        + "; sender acks " + s.framesOf("message-ack").size() + ", errors " + s.framesOf("error").size()
                        + ", first error " + s.framesOf("error").stream().findFirst().map(Object::toString).orElse("-"), e);
            }
            List<JsonNode> got = r.framesOf("new-message");
            assertEquals(n, got.size(), "exactly one delivery per message");
            long previous = -1;
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < n; i++) {
                JsonNode d = got.get(i).path("data");
                long seq = d.path("seq_id").asLong();
                if (previous >= 0) {
                    assertEquals(previous + 1, seq, "seq must grow by one with no gap");
                }
                previous = seq;
                assertEquals("m" + i, d.path("content").asText(), "delivery order must be send order");
                assertTrue(ids.add(d.path("message_id").asText()), "duplicate message id");
            }
            await().atMost(WAIT).until(() -> s.framesOf("message-ack").size() >= n);
            assertTrue(s.framesOf("message-ack").stream().noneMatch(f -> f.path("data").has("error_code")));
        }
    }

    @Test
    void reconnectingClientGetsEverythingItMissedByAfterSeq() {
        ImClient alice = ImClient.register(GATEWAY_A, "away");
        ImClient bob = ImClient.register(GATEWAY_B, "back");
        String conv = alice.openSingle(bob.userId());
        long lastSeen;
        List<String> missed = new ArrayList<>();
        try (WsConnection a = alice.connect()) {
            try (WsConnection b = bob.connect()) {
                alice.awaitOnline(bob.userId());
                String first = a.sendMessage(conv, "before");
                String firstId = a.awaitAck(first).path("data").path("message_id").asText();
                lastSeen = b.await("new-message", d -> firstId.equals(d.path("message_id").asText()), WAIT)
                        .path("data").path("seq_id").asLong();
            }
            for (int i = 0; i < 30; i++) {
                String cid = a.sendMessage(conv, "while offline " + i);
                missed.add(a.awaitAck(cid).path("data").path("message_id").asText());
            }
        }
        try (WsConnection b = bob.connect()) {
            JsonNode page = bob.history(conv, "after_seq=" + lastSeen + "&limit=100").expect(200).body();
            List<String> pulled = new ArrayList<>();
            long prev = lastSeen;
            for (JsonNode m : page.path("messages")) {
                pulled.add(m.path("message_id").asText());
                assertEquals(prev + 1, m.path("seq_id").asLong());
                prev = m.path("seq_id").asLong();
            }
            assertEquals(missed, pulled);
            assertFalse(page.path("has_more").asBoolean());
            assertTrue(b.frames().stream().noneMatch(f -> "error".equals(f.path("type").asText())));
        }
    }

    @Test
    void resentFrameWithSameClientMsgIdIsStoredOnceAndAckedWithSameId() {
        ImClient alice = ImClient.register(GATEWAY_A, "resend");
        ImClient bob = ImClient.register(GATEWAY_B, "dedup");
        String conv = alice.openSingle(bob.userId());
        try (WsConnection a = alice.connect()) {
            String cid = ImClient.newClientMsgId();
            // 紧接着的重发：原消息已写入上行、还没 ack，网关忽略它（ack 一定会来）
            a.sendMessage(conv, "once", cid);
            a.sendMessage(conv, "once", cid);
            JsonNode first = a.awaitAck(cid);
            // ack 之后的重发：照常处理，回原消息的 ack
            a.sendMessage(conv, "once", cid);
            await().atMost(WAIT).until(() -> a.framesOf("message-ack").size() >= 2);
            // 同会话后一条消息的 ack 到了，之前的重发若有 ack 也必已先到
            String marker = a.sendMessage(conv, "marker");
            a.awaitAck(marker);
            List<JsonNode> acks = a.framesOf("message-ack").stream()
                    .filter(f -> cid.equals(f.path("data").path("client_msg_id").asText())).toList();
            assertEquals(2, acks.size(), "one ack for the original, none for the in-flight resend, one for the later resend");
            for (JsonNode ack : acks) {
                assertEquals(first.path("data").path("message_id").asText(), ack.path("data").path("message_id").asText());
                assertEquals(first.path("data").path("seq_id").asLong(), ack.path("data").path("seq_id").asLong());
            }
            JsonNode page = bob.history(conv, "").expect(200).body();
            assertEquals(1, java.util.stream.StreamSupport.stream(page.path("messages").spliterator(), false)
                    .filter(m -> cid.equals(m.path("client_msg_id").asText())).count(), "stored exactly once: " + page);
        }
    }

    @Test
    void readReceiptAndOnlineStatusReachThePeer() {
        ImClient alice = ImClient.register(GATEWAY_A, "reader");
        ImClient bob = ImClient.register(GATEWAY_B, "writer");
        String conv = alice.openSingle(bob.userId());
        try (WsConnection a = alice.connect()) {
            try (WsConnection b = bob.connect()) {
                // bob 上线：alice 在一秒内看到 online-status
                a.await("online-status", d -> String.valueOf(bob.userId()).equals(d.path("user_id").asText())
                        && d.path("online").asBoolean(), Duration.ofSeconds(3));
                String cid = b.sendMessage(conv, "read me");
                long seq = b.awaitAck(cid).path("data").path("seq_id").asLong();
                a.await("new-message", d -> d.path("seq_id").asLong() == seq, WAIT);
                JsonNode read = alice.call("POST", "/api/v1/conversations/" + conv + "/read",
                        ImClient.JSON.createObjectNode().put("seq", seq), true).expect(200).body();
                assertEquals(seq, read.path("read_seq").asLong());
                assertEquals(0, read.path("unread_count").asLong());
                JsonNode receipt = b.await("read-receipt", d -> conv.equals(d.path("conversation_id").asText()), WAIT);
                assertEquals(String.valueOf(alice.userId()), receipt.path("data").path("reader_id").asText());
                assertEquals(seq, receipt.path("data").path("read_seq").asLong());
                // 已读指针不后退
                JsonNode back = alice.call("POST", "/api/v1/conversations/" + conv + "/read",
                        ImClient.JSON.createObjectNode().put("seq", 0), true).expect(200).body();
                assertEquals(seq, back.path("read_seq").asLong());
            }
            a.await("online-status", d -> String.valueOf(bob.userId()).equals(d.path("user_id").asText())
                    && !d.path("online").asBoolean(), Duration.ofSeconds(3));
        }
    }

    @Test
    void conversationListShowsLastMessageAndUnreadCount() {
        ImClient alice = ImClient.register(GATEWAY_A, "lister");
        ImClient bob = ImClient.register(GATEWAY_B, "listed");
        String conv = alice.openSingle(bob.userId());
        try (WsConnection a = alice.connect()) {
            for (int i = 0; i < 3; i++) {
                a.awaitAck(a.sendMessage(conv, "unread " + i));
            }
        }
        JsonNode list = bob.call("GET", "/api/v1/conversations?page=1&page_size=20", null, true).expect(200).body();
        JsonNode entry = null;
        for (JsonNode c : list.path("conversations")) {
            if (conv.equals(c.path("id").asText())) {
                entry = c;
            }
        }
        assertNotEquals(null, entry, list.toString());
        assertEquals(3, entry.path("unread_count").asLong(), entry.toString());
        assertEquals("unread 2", entry.path("last_message").path("content").asText(), entry.toString());
    }
}
