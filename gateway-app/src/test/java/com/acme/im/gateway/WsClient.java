package com.acme.im.gateway;

import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;


/**
 * 测试用 WebSocket 客户端（java.net.http）：收集收到的每一帧，按条件等待某帧出现。
 */
final class WsClient implements WebSocket.Listener {

    private final JsonMapper json;
    private final List<Map<String, Object>> frames = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<int[]> closed = new CompletableFuture<>();
    private WebSocket socket;

    private WsClient(JsonMapper json) {
        this.json = json;
    }

    static WsClient connect(HttpClient http, JsonMapper json, int port, String accessToken) {
        return connect(http, json, port, accessToken, false);
    }

    /** inQuery 为 true 时像浏览器那样把令牌放在 token 查询参数里。 */
    static WsClient connect(HttpClient http, JsonMapper json, int port, String accessToken, boolean inQuery) {
        WsClient client = new WsClient(json);
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (!inQuery) {
            builder.header("Authorization", "Bearer " + accessToken);
        }
        client.socket = builder
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws" + (inQuery ? "?token=" + accessToken : "")), client)
                .orTimeout(15, TimeUnit.SECONDS)
                .join();
        return client;
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        synchronized (partial) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(json.readValue(partial.toString(), Map.class));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                partial.setLength(0);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new int[]{statusCode});
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    void sendText(String text) {
        socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    void sendMessage(String conversationId, String content, String clientMsgId) {
        sendText("{\"type\":\"send-message\",\"data\":{\"conversation_id\":\"" + conversationId
                + "\",\"message_type\":1,\"content\":\"" + content + "\",\"client_msg_id\":\"" + clientMsgId + "\"},\"timestamp\":0}");
    }

    /** 等待一帧满足条件的 type 帧出现，返回其 data。 */
    @SuppressWarnings("unchecked")
    Map<String, Object> await(String type, Predicate<Map<String, Object>> dataMatches) {
        Map<String, Object>[] found = new Map[1];
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            for (Map<String, Object> f : frames) {
                if (type.equals(f.get("type")) && dataMatches.test((Map<String, Object>) f.get("data"))) {
                    found[0] = (Map<String, Object>) f.get("data");
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** 已收到的某类帧的 data。 */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> received(String type, Predicate<Map<String, Object>> dataMatches) {
        return frames.stream().filter(f -> type.equals(f.get("type")))
                .map(f -> (Map<String, Object>) f.get("data"))
                .filter(dataMatches).toList();
    }

    void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
