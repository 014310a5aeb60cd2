package com.acme.im.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static com.acme.im.system.SystemUnderTest.GATEWAY_A;
import static com.acme.im.system.SystemUnderTest.GATEWAY_B;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 搜索端到端：WebSocket 发出的消息经 logic → Kafka 索引任务 → index-function → Elasticsearch，
 * 再经 网关 → logic 搜到；只返回调用者所在会话的消息。
 */
class SearchIT {

    @BeforeAll
    static void system() {
        SystemUnderTest.get();
    }

    @Test
    void findsJustSentChineseAndEnglishMessagesButNeverOtherUsersPrivateOnes() {
        ImClient alice = ImClient.register(GATEWAY_A, "seeker");
        ImClient bob = ImClient.register(GATEWAY_B, "friend");
        ImClient mallory = ImClient.register(GATEWAY_A, "snoop");
        ImClient carol = ImClient.register(GATEWAY_B, "private");
        String conv = alice.openSingle(bob.userId());
        String secretConv = bob.openSingle(carol.userId());
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (WsConnection a = alice.connect(); WsConnection b = bob.connect()) {
            a.awaitAck(a.sendMessage(conv, "明天下午开会讨论预算 " + tag));
            a.awaitAck(a.sendMessage(conv, "the quarterly budget meeting " + tag));
            b.awaitAck(b.sendMessage(secretConv, "secret budget plan " + tag));
        }
        JsonNode[] chinese = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            chinese[0] = alice.call("GET", "/api/v1/search/messages?q=" + ImClient.enc("讨论预算 " + tag), null, true)
                    .expect(200).body();
            return chinese[0].path("total").asLong() >= 1;
        });
        assertTrue(chinese[0].path("hits").get(0).path("message").path("content").asText().contains("讨论预算"), chinese[0].toString());

        // 索引是异步的（批量写入 + Elasticsearch 刷新间隔）：等英文消息也可搜到
        JsonNode[] englishHolder = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            englishHolder[0] = alice.call("GET", "/api/v1/search/messages?q=" + ImClient.enc("budget " + tag), null, true)
                    .expect(200).body();
            return englishHolder[0].path("total").asLong() >= 1;
        });
        JsonNode english = englishHolder[0];
        assertEquals(1, english.path("total").asLong(), "only alice's own conversation: " + english);
        assertEquals(conv, english.path("hits").get(0).path("message").path("conversation_id").asText());

        // bob 在两个会话里都能搜到；局外人什么也搜不到，指定别人的会话得到 403
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                bob.call("GET", "/api/v1/search/messages?q=" + ImClient.enc("budget " + tag), null, true)
                        .expect(200).body().path("total").asLong() == 2);
        assertEquals(0, mallory.call("GET", "/api/v1/search/messages?q=" + ImClient.enc("budget " + tag), null, true)
                .expect(200).body().path("total").asLong());
        ImClient.Response forbidden = mallory.call("GET", "/api/v1/search/messages?q=budget&conversation_id=" + secretConv, null, true);
        assertEquals(403, forbidden.status(), forbidden.raw());
        assertEquals(400, alice.call("GET", "/api/v1/search/messages?q=", null, true).status());
    }
}
