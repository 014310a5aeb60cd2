package com.acme.im.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

/**
 * 一条真实的 WebSocket 连接：记录收到的每一帧，供测试按类型与内容等待和断言。
 */
public final class WsConnection implements AutoCloseable {

    private final WebSocket socket;
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private WsConnection(WebSocket socket) {
        this.socket = socket;
    }

    static WsConnection open(String url, String token) {
        Listener listener = new Listener();
        try {
            WebSocket ws = ImClient.HTTP.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + token)
                    .connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create(url), listener)
                    .get(10, TimeUnit.SECONDS);
            WsConnection c = new WsConnection(ws);
            listener.owner = c;
            listener.drain();
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("websocket upgrade failed: " + e.getCause(), e);
        }
    }

    /** 发送 send-message 帧，返回使用的 client_msg_id。 */
    public String sendMessage(String conversationId, String content, String clientMsgId) {
        ObjectNode frame = ImClient.JSON.createObjectNode().put("type", "send-message");
        frame.putObject("data")
                .put("conversation_id", conversationId)
                .put("message_type", 1)
                .put("content", content)
                .put("client_msg_id", clientMsgId);
        sendText(frame.toString());
        return clientMsgId;
    }

    public String sendMessage(String conversationId, String content) {
        return sendMessage(conversationId, content, ImClient.newClientMsgId());
    }

    /** 发送原始文本帧（坏输入测试）。 */
    public synchronized void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** 把一条文本消息拆成多个分片帧发送（最后一片 last=true）。 */
    public synchronized void sendFragments(List<String> parts) {
        for (int i = 0; i < parts.size(); i++) {
            socket.sendText(parts.get(i), i == parts.size() - 1).join();
        }
    }

    /** 发送二进制帧（敌意输入测试用）。 */
    public synchronized void sendBinary(byte[] bytes) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).join();
    }

    public List<JsonNode> frames() {
        return frames;
    }

    public List<JsonNode> framesOf(String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : frames) {
            if (type.equals(f.path("type").asText())) {
                out.add(f);
            }
        }
        return out;
    }

    /** 等待出现满足条件的帧并返回它。 */
    public JsonNode await(String type, Predicate<JsonNode> data, Duration timeout) {
        JsonNode[] found = new JsonNode[1];
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> {
            for (JsonNode f : frames) {
                if (type.equals(f.path("type").asText()) && data.test(f.path("data"))) {
                    found[0] = f;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    public JsonNode awaitAck(String clientMsgId) {
        return await("message-ack", d -> clientMsgId.equals(d.path("client_msg_id").asText()), Duration.ofSeconds(20));
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    public CompletableFuture<Integer> closedFuture() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        socket.abort();
    }

    /** 把分片文本拼成整帧并解析为 JSON。 */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final List<String> early = new ArrayList<>();
        private volatile WsConnection owner;

        synchronized void drain() {
            for (String s : early) {
                owner.frames.add(parse(s));
            }
            early.clear();
        }

        @Override
        public synchronized CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (owner == null) {
                    early.add(text);
                } else {
                    owner.frames.add(parse(text));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (owner != null) {
                owner.closed.complete(statusCode);
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (owner != null) {
                owner.closed.complete(-1);
            }
        }

        private static JsonNode parse(String text) {
            try {
                return ImClient.JSON.readTree(text);
            } catch (Exception e) {
                ObjectNode bad = ImClient.JSON.createObjectNode().put("type", "unparseable");
                bad.put("raw", text);
                return bad;
            }
        }
    }
}
