package com.acme.im.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static com.acme.im.system.SystemUnderTest.GATEWAY_A;
import static com.acme.im.system.SystemUnderTest.GATEWAY_B;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis 丢失全部数据（无持久化重启、切到空副本）后：保持连接的用户在 30 秒内重新实时收到消息
 * （网关的周期续期把在线状态完整写回），登录、会话列表与历史照常可用。
 */
class RedisLossIT {

    @BeforeAll
    static void system() {
        SystemUnderTest.get();
    }

    /** 清空被测系统使用的 Redis 库（与 repo-app 的 redis.uri 一致）。 */
    private static void flushRedis() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("redis-cli", "-p", "6379", "-n", Integer.toString(SystemUnderTest.REDIS_DB), "FLUSHDB")
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "redis-cli did not finish");
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
    }

    @Test
    void connectedUsersGetLiveMessagesAgainWithin30sAfterRedisLosesItsData() throws Exception {
        ImClient alice = ImClient.register(GATEWAY_A, "rl-alice");
        ImClient bob = ImClient.register(GATEWAY_B, "rl-bob");
        String conv = alice.openSingle(bob.userId());
        try (WsConnection a = alice.connect(); WsConnection b = bob.connect()) {
            alice.awaitOnline(bob.userId());
            String before = a.sendMessage(conv, "before the flush");
            String beforeId = a.awaitAck(before).path("data").path("message_id").asText();
            b.await("new-message", d -> beforeId.equals(d.path("message_id").asText()), Duration.ofSeconds(20));

            flushRedis();
            long flushedAt = System.nanoTime();
            int[] sent = {0};
            // 每秒发一条，直到 bob 实时收到刷新之后发出的某一条
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                a.awaitAck(a.sendMessage(conv, "after the flush " + sent[0]++));
                return b.framesOf("new-message").stream()
                        .anyMatch(f -> f.path("data").path("content").asText().startsWith("after the flush"));
            });
            System.out.printf("RedisLossIT: live delivery back %d ms after FLUSHDB%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - flushedAt));

            // 其他功能照常：会话列表、历史、重新登录
            assertEquals(200, bob.call("GET", "/api/v1/conversations", null, true).status());
            JsonNode history = bob.history(conv, "after_seq=0&limit=100").expect(200).body();
            assertTrue(history.path("messages").size() >= 2, history.toString());
            assertEquals(200, bob.loginOn(GATEWAY_A).call("GET", "/api/v1/conversations", null, true).status());
        }
    }
}
