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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 推送令牌端到端：经 REST 登记令牌的离线用户，经 logic → Kafka 推送任务 → push-function → 本地推送服务替身收到通知；
 * 同一令牌换到另一个账号后，旧账号的通知不再发到这台手机；删除令牌、坏输入与越权。
 */
class PushTokenIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static PushProviderStandIn provider;

    @BeforeAll
    static void system() {
        provider = SystemUnderTest.get().pushProvider();
    }

    @Test
    void offlineUserIsPushedOnTheRegisteredDeviceAndTheTokenMovesWithThePhone() {
        ImClient alice = ImClient.register(GATEWAY_A, "pushalice");
        ImClient bob = ImClient.register(GATEWAY_B, "pushbob");
        ImClient carol = ImClient.register(GATEWAY_B, "pushcarol");
        String token = "e2e-" + UUID.randomUUID();
        register(bob, "fcm", token, "bob-phone").expect(204);

        // bob 离线：alice 的单聊消息经推送服务送到 bob 的手机
        String conv = alice.openSingle(bob.userId());
        String firstId;
        try (WsConnection ws = alice.connect()) {
            firstId = ws.awaitAck(ws.sendMessage(conv, "are you there?")).path("data").path("message_id").asText();
        }
        JsonNode n = awaitNotification(bob.userId(), firstId);
        assertEquals("pushalice", n.path("sender").asText());
        assertEquals("are you there?", n.path("preview").asText());
        assertEquals(conv, n.path("conversation_id").asText());
        assertEquals(1, n.path("tokens").size());
        assertEquals(token, n.path("tokens").get(0).path("token").asText());
        assertEquals("fcm", n.path("tokens").get(0).path("platform").asText());
        assertEquals("bob-phone", n.path("tokens").get(0).path("device_id").asText());

        // 这台手机换成 carol 登录并登记同一令牌：令牌转到 carol 名下
        register(carol, "fcm", token, "carol-phone").expect(204);
        JsonNode group = alice.createGroup("push trio", bob.userId(), carol.userId()).expect(201).body();
        String groupMessage;
        try (WsConnection ws = alice.connect()) {
            groupMessage = ws.awaitAck(ws.sendMessage(group.path("conversation_id").asText(), "for both"))
                    .path("data").path("message_id").asText();
        }
        JsonNode toCarol = awaitNotification(carol.userId(), groupMessage);
        assertEquals(token, toCarol.path("tokens").get(0).path("token").asText());
        // 同一推送任务里 bob（ID 更小，先处理）已无令牌：这条消息没有发给 bob 的通知
        assertTrue(provider.notificationsFor(bob.userId()).stream()
                .noneMatch(x -> groupMessage.equals(x.path("message_id").asText())), "bob's messages no longer reach the phone");
    }

    @Test
    void removeOnlyTheCallersOwnToken() {
        ImClient dave = ImClient.register(GATEWAY_A, "pushdave");
        ImClient erin = ImClient.register(GATEWAY_A, "pusherin");
        register(dave, "apns", "e2e-" + UUID.randomUUID(), "dave-phone").expect(204);
        // 覆盖登记同一设备
        register(dave, "apns", "e2e-" + UUID.randomUUID(), "dave-phone").expect(204);

        ImClient.Response foreign = erin.call("DELETE", "/api/v1/push-tokens/dave-phone", null, true);
        assertEquals(404, foreign.status(), foreign.raw());
        assertEquals(1004, foreign.code());
        dave.call("DELETE", "/api/v1/push-tokens/dave-phone", null, true).expect(204);
        ImClient.Response again = dave.call("DELETE", "/api/v1/push-tokens/dave-phone", null, true);
        assertEquals(404, again.status(), again.raw());
        assertEquals(1004, again.code());
    }

    @Test
    void badInputIsRejectedWithAClearCode() {
        ImClient frank = ImClient.register(GATEWAY_A, "pushfrank");
        for (ImClient.Response r : List.of(
                register(frank, "wns", "tok", "d1"),
                register(frank, "APNS", "tok", "d1"),
                register(frank, "fcm", "x".repeat(513), "d1"),
                register(frank, "fcm", "has space", "d1"),
                register(frank, "fcm", "tok", "d".repeat(129)),
                register(frank, "fcm", "tok", "设备"),
                register(frank, "fcm", "", "d1"),
                frank.raw("PUT", "/api/v1/push-tokens", "{\"platform\":\"fcm\",\"token\":\"tok\"}", frank.accessToken()),
                frank.raw("PUT", "/api/v1/push-tokens", "{not json", frank.accessToken()),
                frank.call("DELETE", "/api/v1/push-tokens/" + "d".repeat(129), null, true),
                frank.call("DELETE", "/api/v1/push-tokens/bad%20id", null, true))) {
            assertEquals(400, r.status(), r.raw());
            assertEquals(1001, r.code(), r.raw());
        }
        ImClient.Response anonymous = frank.raw("PUT", "/api/v1/push-tokens",
                "{\"platform\":\"fcm\",\"token\":\"tok\",\"device_id\":\"d1\"}", null);
        assertEquals(401, anonymous.status());
        assertEquals(1002, anonymous.code());
    }

    static ImClient.Response register(ImClient c, String platform, String token, String deviceId) {
        ObjectNode body = ImClient.JSON.createObjectNode().put("platform", platform).put("token", token).put("device_id", deviceId);
        return c.call("PUT", "/api/v1/push-tokens", body, true);
    }

    static JsonNode awaitNotification(long userId, String messageId) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> provider.notificationsFor(userId).stream()
                .filter(x -> messageId.equals(x.path("message_id").asText())).findFirst().orElse(null), x -> x != null);
    }
}
