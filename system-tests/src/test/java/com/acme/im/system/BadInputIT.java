package com.acme.im.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.acme.im.system.SystemUnderTest.GATEWAY_A;
import static com.acme.im.system.SystemUnderTest.GATEWAY_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 坏输入端到端：每种错误都得到错误模型中的错误码，WebSocket 连接在错误后仍然可用，REST 从不返回 500。
 */
class BadInputIT {

    @BeforeAll
    static void system() {
        SystemUnderTest.get();
    }

    @Test
    void badFramesGetErrorCodesAndTheSocketStaysUsable() {
        ImClient alice = ImClient.register(GATEWAY_A, "fuzzer");
        ImClient bob = ImClient.register(GATEWAY_B, "target");
        String conv = alice.openSingle(bob.userId());
        Map<String, Integer> cases = new LinkedHashMap<>();
        cases.put("{not json", 1001);
        cases.put("[1,2,3]", 1001);
        cases.put("{\"type\":\"teleport\",\"message_id\":\"f1\"}", 1001);
        cases.put("{\"message_id\":\"f2\",\"data\":{}}", 1001);
        cases.put("{\"type\":\"send-message\",\"message_id\":\"f3\",\"data\":{\"conversation_id\":\"" + conv
                + "\",\"message_type\":1,\"client_msg_id\":\"x1\"}}", 1001);
        cases.put("{\"type\":\"send-message\",\"message_id\":\"f4\",\"data\":{\"conversation_id\":\"" + conv
                + "\",\"message_type\":\"text\",\"content\":\"hi\",\"client_msg_id\":\"x2\"}}", 1001);
        cases.put("{\"type\":\"send-message\",\"message_id\":\"f5\",\"data\":{\"conversation_id\":\"" + conv
                + "\",\"message_type\":1,\"content\":\"" + "x".repeat(5000) + "\",\"client_msg_id\":\"x3\"}}", 3002);
        cases.put("{\"type\":\"send-message\",\"message_id\":\"f6\",\"data\":{\"conversation_id\":\"../etc\","
                + "\"message_type\":1,\"content\":\"hi\",\"client_msg_id\":\"x4\"}}", 1001);
        try (WsConnection ws = alice.connect()) {
            int errorsBefore = 0;
            for (Map.Entry<String, Integer> c : cases.entrySet()) {
                ws.sendText(c.getKey());
                int expected = errorsBefore + 1;
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> ws.framesOf("error").size() >= expected);
                JsonNode error = ws.framesOf("error").get(errorsBefore);
                assertEquals((int) c.getValue(), error.path("data").path("code").asInt(), c.getKey() + " -> " + error);
                errorsBefore++;
                assertFalse(ws.isClosed(), "socket closed after " + c.getKey());
            }
            // 一个人不在的会话：ack 带 1003
            ImClient carol = ImClient.register(GATEWAY_A, "carol");
            String foreign = bob.openSingle(carol.userId());
            assertEquals(1003, ws.awaitAck(ws.sendMessage(foreign, "sneaky")).path("data").path("error_code").asInt());
            // 错误之后连接仍然可用
            String ok = ws.sendMessage(conv, "still alive");
            assertFalse(ws.awaitAck(ok).path("data").has("error_code"));
            ws.sendText("{\"type\":\"ping\",\"message_id\":\"p1\"}");
            ws.await("pong", d -> true, Duration.ofSeconds(5));
        }
    }

    @Test
    void restBadInputGetsErrorBodiesNeverA500() {
        ImClient u = ImClient.register(GATEWAY_A, "restbad");
        String t = u.accessToken();
        assertError(u.raw("POST", "/api/v1/auth/register", "{bad json", null), 400, 1001);
        assertError(u.raw("POST", "/api/v1/auth/register", "{\"username\":\"ab\",\"password\":\"long-enough-1\"}", null), 400, 1001);
        assertError(u.raw("POST", "/api/v1/auth/register", "{\"username\":\"" + u.username() + "\",\"password\":\"long-enough-1\"}", null), 409, 2001);
        assertError(u.raw("POST", "/api/v1/auth/register", "{\"username\":\"validname\",\"password\":\"short\"}", null), 400, 1001);
        assertError(u.raw("POST", "/api/v1/auth/login", "{\"username\":\"" + u.username() + "\",\"password\":\"wrong-password\"}", null), 401, 2002);
        assertError(u.raw("POST", "/api/v1/auth/login", "{\"username\":\"nobody_here_xyz\",\"password\":\"wrong-password\"}", null), 401, 2002);
        assertError(u.raw("POST", "/api/v1/groups", "{\"name\":42,\"member_ids\":\"x\"}", t), 400, 1001);
        assertError(u.raw("POST", "/api/v1/groups", "{\"name\":\"g\",\"member_ids\":[\"" + "9".repeat(30) + "\"]}", t), 400, 1001);
        assertError(u.raw("GET", "/api/v1/groups/not-a-number", null, t), 400, 1001);
        assertError(u.raw("GET", "/api/v1/conversations?page=abc", null, t), 400, 1001);
        assertError(u.raw("POST", "/api/v1/conversations/s_1_2/read", "{\"seq\":-1}", t), 400, 1001);
        assertError(u.raw("POST", "/api/v1/conversations/single", "{\"peer_user_id\":987654321}", t), 404, 2000);
        assertError(u.raw("POST", "/api/v1/groups", "{\"name\":\"" + "n".repeat(200_000) + "\"}", t), 413, 1006);
        assertError(u.raw("GET", "/api/v1/conversations", null, null), 401, 1002);
        assertError(u.raw("GET", "/api/v1/conversations", null, "forged.token.value"), 401, 1002);
        assertError(u.raw("GET", "/api/v1/conversations", null, t.substring(0, t.length() - 3) + "abc"), 401, 1002);
        assertError(u.raw("GET", "/api/v1/no/such/route", null, t), 404, 1004);
        assertThrows(IllegalStateException.class, () -> WsConnection.open("ws://127.0.0.1:" + GATEWAY_A + "/ws", "forged"));
    }

    private static void assertError(ImClient.Response r, int status, int code) {
        assertEquals(status, r.status(), r.raw());
        assertEquals(code, r.code(), r.raw());
        assertTrue(r.body().has("trace_id"), "error body carries the trace id: " + r.raw());
    }
}
