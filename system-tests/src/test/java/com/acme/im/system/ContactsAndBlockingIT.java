package com.acme.im.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static com.acme.im.system.SystemUnderTest.GATEWAY_A;
import static com.acme.im.system.SystemUnderTest.GATEWAY_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 好友与拉黑的端到端：真实客户端经两个网关、logic、repo 与 Kafka。
 * 申请 → friend-request 帧 → 接受 → 双方 friend-added 帧 → 带备注的好友列表 → 删除；
 * 拉黑 → 单聊消息得到 5003 的 ack 且对方收不到、在线状态互相隐藏、不能申请 → 取消拉黑 → 消息照常送达；
 * 越权与坏输入得到文档中的错误码（从不 5xx）。
 */
class ContactsAndBlockingIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeAll
    static void system() {
        SystemUnderTest.get();
    }

    private static ImClient.Response post(ImClient c, String path, String body) {
        return c.raw("POST", path, body, c.accessToken());
    }

    private static void assertError(ImClient.Response r, int status, int code) {
        assertTrue(r.status() < 500, "never 5xx: " + r.raw());
        assertEquals(status, r.status(), r.raw());
        assertEquals(code, r.code(), r.raw());
    }

    private static boolean online(ImClient viewer, long user) {
        JsonNode r = viewer.raw("POST", "/api/v1/presence/query", "{\"user_ids\":[" + user + "]}", viewer.accessToken())
                .expect(200).body();
        return r.path("presences").get(0).path("online").asBoolean();
    }

    @Test
    void requestAcceptRemarkAndDeleteWithFrames() {
        ImClient alice = ImClient.register(GATEWAY_A, "ct_alice");
        ImClient bob = ImClient.register(GATEWAY_B, "ct_bob");
        try (WsConnection a = alice.connect(); WsConnection b = bob.connect()) {
            alice.awaitOnline(alice.userId(), bob.userId());
            ImClient.Response sent = post(alice, "/api/v1/friend-requests",
                    "{\"user_id\":\"" + bob.userId() + "\",\"note\":\"hi, it's Alice 👋\"}").expect(201);
            String id = sent.body().path("request").path("id").asText();
            assertEquals("pending", sent.body().path("request").path("status").asText());
            assertTrue(sent.body().path("created").asBoolean());

            JsonNode frame = b.await("friend-request", d -> id.equals(d.path("request_id").asText()), WAIT);
            assertEquals(Long.toString(alice.userId()), frame.path("data").path("from_user_id").asText());
            assertEquals("hi, it's Alice 👋", frame.path("data").path("note").asText());

            // 重复申请：200，原申请，不再发帧
            ImClient.Response again = post(alice, "/api/v1/friend-requests", "{\"user_id\":" + bob.userId() + "}").expect(200);
            assertEquals(id, again.body().path("request").path("id").asText());
            assertFalse(again.body().path("created").asBoolean());

            JsonNode incoming = bob.call("GET", "/api/v1/friend-requests?box=incoming", null, true).expect(200).body();
            assertEquals(id, incoming.path("requests").get(0).path("id").asText());
            JsonNode outgoing = alice.call("GET", "/api/v1/friend-requests?box=outgoing", null, true).expect(200).body();
            assertEquals(id, outgoing.path("requests").get(0).path("id").asText());

            // 只有接收者能接受
            assertError(post(alice, "/api/v1/friend-requests/" + id + "/accept", null), 403, 1003);
            assertEquals("accepted", post(bob, "/api/v1/friend-requests/" + id + "/accept", null).expect(200)
                    .body().path("status").asText());
            JsonNode toAlice = a.await("friend-added", d -> id.equals(d.path("request_id").asText()), WAIT);
            assertEquals(Long.toString(bob.userId()), toAlice.path("data").path("friend_user_id").asText());
            JsonNode toBob = b.await("friend-added", d -> id.equals(d.path("request_id").asText()), WAIT);
            assertEquals(Long.toString(alice.userId()), toBob.path("data").path("friend_user_id").asText());
            assertError(post(bob, "/api/v1/friend-requests/" + id + "/accept", null), 409, 5002);
            assertError(post(alice, "/api/v1/friend-requests", "{\"user_id\":" + bob.userId() + "}"), 409, 5000);

            // 备注：只对自己可见
            alice.raw("PUT", "/api/v1/friends/" + bob.userId(), "{\"remark\":\"Bob from work\"}", alice.accessToken()).expect(200);
            JsonNode friends = alice.call("GET", "/api/v1/friends", null, true).expect(200).body().path("friends");
            assertEquals(1, friends.size());
            assertEquals(Long.toString(bob.userId()), friends.get(0).path("user_id").asText());
            assertEquals("Bob from work", friends.get(0).path("remark").asText());
            assertEquals(bob.username(), friends.get(0).path("username").asText());
            JsonNode bobsFriends = bob.call("GET", "/api/v1/friends", null, true).expect(200).body().path("friends");
            assertEquals("", bobsFriends.get(0).path("remark").asText());
            alice.raw("PUT", "/api/v1/friends/" + bob.userId(), "{\"remark\":null}", alice.accessToken()).expect(200);
            assertEquals("", alice.call("GET", "/api/v1/friends", null, true).expect(200).body()
                    .path("friends").get(0).path("remark").asText());

            // 删除：双方都不再是好友
            assertEquals(204, bob.raw("DELETE", "/api/v1/friends/" + alice.userId(), null, bob.accessToken()).status());
            assertEquals(0, alice.call("GET", "/api/v1/friends", null, true).expect(200).body().path("friends").size());
            assertEquals(0, bob.call("GET", "/api/v1/friends", null, true).expect(200).body().path("friends").size());
            assertError(alice.raw("DELETE", "/api/v1/friends/" + bob.userId(), null, alice.accessToken()), 403, 5001);
        }
    }

    @Test
    void crossingRequestsBecomeFriendsAtOnce() {
        ImClient alice = ImClient.register(GATEWAY_A, "cr_alice");
        ImClient bob = ImClient.register(GATEWAY_B, "cr_bob");
        try (WsConnection a = alice.connect()) {
            alice.awaitOnline(alice.userId());
            String id = post(alice, "/api/v1/friend-requests", "{\"user_id\":" + bob.userId() + "}").expect(201)
                    .body().path("request").path("id").asText();
            ImClient.Response crossing = post(bob, "/api/v1/friend-requests", "{\"user_id\":" + alice.userId() + "}").expect(200);
            assertTrue(crossing.body().path("auto_accepted").asBoolean(), crossing.raw());
            assertEquals("accepted", crossing.body().path("request").path("status").asText());
            assertEquals(id, crossing.body().path("request").path("id").asText());
            a.await("friend-added", d -> Long.toString(bob.userId()).equals(d.path("friend_user_id").asText()), WAIT);
            assertEquals(1, bob.call("GET", "/api/v1/friends", null, true).expect(200).body().path("friends").size());
        }
    }

    @Test
    void rejectAndCancelAreReservedToTheRightSide() {
        ImClient alice = ImClient.register(GATEWAY_A, "rj_alice");
        ImClient bob = ImClient.register(GATEWAY_B, "rj_bob");
        ImClient carol = ImClient.register(GATEWAY_A, "rj_carol");
        String id = post(alice, "/api/v1/friend-requests", "{\"user_id\":" + bob.userId() + "}").expect(201)
                .body().path("request").path("id").asText();
        assertError(post(carol, "/api/v1/friend-requests/" + id + "/accept", null), 404, 1004);
        assertError(post(alice, "/api/v1/friend-requests/" + id + "/reject", null), 403, 1003);
        assertError(post(bob, "/api/v1/friend-requests/" + id + "/cancel", null), 403, 1003);
        assertEquals("cancelled", post(alice, "/api/v1/friend-requests/" + id + "/cancel", null).expect(200)
                .body().path("status").asText());
        assertError(post(bob, "/api/v1/friend-requests/" + id + "/reject", null), 409, 5002);
        assertError(post(alice, "/api/v1/friend-requests", "{\"user_id\":" + alice.userId() + "}"), 400, 1001);
        assertError(post(alice, "/api/v1/friend-requests", "{\"user_id\":987654321987}"), 404, 2000);
        assertError(post(alice, "/api/v1/friend-requests", "{\"user_id\":" + bob.userId() + ",\"note\":\"" + "n".repeat(201) + "\"}"), 400, 1001);
        assertEquals(0, bob.call("GET", "/api/v1/friend-requests", null, true).expect(200).body().path("requests").size());
    }

    @Test
    void blockRefusesMessagesHidesPresenceAndUnblockRestores() {
        ImClient alice = ImClient.register(GATEWAY_A, "bl_alice");
        ImClient bob = ImClient.register(GATEWAY_B, "bl_bob");
        ImClient carol = ImClient.register(GATEWAY_A, "bl_carol");
        String conv = bob.openSingle(alice.userId());
        try (WsConnection a = alice.connect(); WsConnection b = bob.connect(); WsConnection c = carol.connect()) {
            carol.awaitOnline(alice.userId(), bob.userId(), carol.userId());
            assertEquals(204, alice.raw("PUT", "/api/v1/blocks/" + bob.userId(), null, alice.accessToken()).status());
            assertEquals(204, alice.raw("PUT", "/api/v1/blocks/" + bob.userId(), null, alice.accessToken()).status(), "idempotent");
            JsonNode blocks = alice.call("GET", "/api/v1/blocks", null, true).expect(200).body().path("blocks");
            assertEquals(Long.toString(bob.userId()), blocks.get(0).path("user_id").asText());

            // bob 的消息被拒：ack 带 5003，alice 收不到，历史里也没有
            JsonNode refused = b.awaitAck(b.sendMessage(conv, "are you there?"));
            assertEquals(5003, refused.path("data").path("error_code").asInt(), refused.toString());
            assertFalse(refused.path("data").has("message_id"), refused.toString());
            // alice 发给 bob 的照常送达（对照，也保证 bob 之前那条若被投递早已到达）
            String fromAlice = a.awaitAck(a.sendMessage(conv, "I blocked you")).path("data").path("message_id").asText();
            b.await("new-message", d -> fromAlice.equals(d.path("message_id").asText()), WAIT);
            assertTrue(a.framesOf("new-message").stream().noneMatch(f -> f.toString().contains("are you there?")));
            assertFalse(alice.history(conv, "").expect(200).raw().contains("are you there?"));

            // 在线状态互相隐藏，第三方照常
            assertFalse(online(alice, bob.userId()));
            assertFalse(online(bob, alice.userId()));
            assertTrue(online(carol, bob.userId()));
            // 不能申请好友
            assertError(post(bob, "/api/v1/friend-requests", "{\"user_id\":" + alice.userId() + "}"), 403, 5003);

            // 取消拉黑：一切恢复
            assertEquals(204, alice.raw("DELETE", "/api/v1/blocks/" + bob.userId(), null, alice.accessToken()).status());
            assertEquals(204, alice.raw("DELETE", "/api/v1/blocks/" + bob.userId(), null, alice.accessToken()).status(), "idempotent");
            assertEquals(0, alice.call("GET", "/api/v1/blocks", null, true).expect(200).body().path("blocks").size());
            assertTrue(online(alice, bob.userId()));
            assertTrue(online(bob, alice.userId()));
            JsonNode ok = b.awaitAck(b.sendMessage(conv, "hello again"));
            String id = ok.path("data").path("message_id").asText();
            assertFalse(ok.path("data").has("error_code"), ok.toString());
            a.await("new-message", d -> id.equals(d.path("message_id").asText()), WAIT);
            post(bob, "/api/v1/friend-requests", "{\"user_id\":" + alice.userId() + "}").expect(201);
        }
    }

    @Test
    void badInputNeverGives5xx() {
        ImClient alice = ImClient.register(GATEWAY_A, "bi_alice");
        for (List<String> call : List.of(
                List.of("PUT", "/api/v1/blocks/" + alice.userId(), "400", "1001"),
                List.of("PUT", "/api/v1/blocks/987654321987", "404", "2000"),
                List.of("PUT", "/api/v1/blocks/abc", "400", "1001"),
                List.of("GET", "/api/v1/friend-requests?box=sideways", "400", "1001"),
                List.of("PUT", "/api/v1/friends/987654321987", "403", "5001"))) {
            String body = call.get(0).equals("PUT") && call.get(1).contains("friends") ? "{\"remark\":\"r\"}" : null;
            assertError(alice.raw(call.get(0), call.get(1), body, alice.accessToken()),
                    Integer.parseInt(call.get(2)), Integer.parseInt(call.get(3)));
        }
    }
}
