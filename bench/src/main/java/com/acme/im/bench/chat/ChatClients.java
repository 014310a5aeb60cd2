package com.acme.im.bench.chat;

import com.acme.im.bench.client.BenchUser;
import com.acme.im.bench.client.FrameListener;
import com.acme.im.bench.client.RestClient;
import com.acme.im.bench.client.WsClient;
import com.acme.im.bench.client.WsConnection;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 一组在线的聊天客户端（每个用户一条真实 WebSocket 连接，编号即设备号）。
 * 收到 new-message 记入当前账本；error 帧、失败的 message-ack、意外关闭都按种类计数。
 */
public final class ChatClients implements FrameListener, AutoCloseable {

    private final List<BenchUser> users;
    private final List<WsConnection> connections = new ArrayList<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final AtomicLong acks = new AtomicLong();
    private volatile DeliveryLedger ledger;
    private volatile boolean closing;

    private ChatClients(List<BenchUser> users) {
        this.users = users;
    }

    /** 为每个用户建立一条连接（同时最多 maxInFlight 个握手）。 */
    public static ChatClients connect(WsClient ws, List<BenchUser> users, int maxInFlight) throws Exception {
        ChatClients c = new ChatClients(users);
        Semaphore inFlight = new Semaphore(maxInFlight);
        List<CompletableFuture<WsConnection>> futures = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            inFlight.acquire();
            CompletableFuture<WsConnection> f = ws.connect(users.get(i).accessToken(), null, i, c);
            f.whenComplete((r, e) -> inFlight.release());
            futures.add(f);
        }
        for (CompletableFuture<WsConnection> f : futures) {
            c.connections.add(f.get(30, TimeUnit.SECONDS));
        }
        return c;
    }

    public int size() {
        return connections.size();
    }

    public BenchUser user(int index) {
        return users.get(index);
    }

    /** 切换到新的账本（新阶段开始）。 */
    public void ledger(DeliveryLedger next) {
        this.ledger = next;
    }

    /** 从设备 index 发一条文本消息。 */
    public void send(int index, String conversationId, String clientMsgId, String content) {
        connections.get(index).send("{\"type\":\"send-message\",\"data\":{\"conversation_id\":\"" + conversationId
                + "\",\"message_type\":1,\"content\":\"" + content + "\",\"client_msg_id\":\"" + clientMsgId + "\"}}");
    }

    /** 取出并清零错误计数。 */
    public Map<String, Long> drainErrors() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> {
            long n = v.getAndSet(0);
            if (n > 0) {
                out.put(k, n);
            }
        });
        return out;
    }

    public long acks() {
        return acks.get();
    }

    /**
     * 等到全部用户在网关上显示为在线（经公开的在线状态接口），最多 timeoutSeconds 秒。
     * 连接建立后在线状态是异步登记的，马上发消息可能被当作离线而不推送。
     *
     * @return 在线的用户数
     */
    public int awaitOnline(RestClient rest, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        Set<Long> pending = new HashSet<>();
        users.forEach(u -> pending.add(u.id()));
        String token = users.get(0).accessToken();
        while (true) {
            List<Long> ids = new ArrayList<>(pending);
            for (int from = 0; from < ids.size(); from += 500) {
                rest.online(token, ids.subList(from, Math.min(ids.size(), from + 500))).forEach(pending::remove);
            }
            if (pending.isEmpty() || System.nanoTime() > deadline) {
                return users.size() - pending.size();
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    @Override
    public void onText(WsConnection connection, String text) {
        long now = System.nanoTime();
        JsonNode frame;
        try {
            frame = RestClient.JSON.readTree(text);
        } catch (Exception e) {
            count("unparseable-frame");
            return;
        }
        JsonNode data = frame.path("data");
        switch (frame.path("type").asText()) {
            case "new-message" -> {
                DeliveryLedger l = ledger;
                if (l != null) {
                    l.received(data.path("client_msg_id").asText(), connection.index(), now);
                }
            }
            case "message-ack" -> {
                if (data.has("error_code")) {
                    count("ack-" + data.path("error_code").asText());
                } else {
                    acks.incrementAndGet();
                }
            }
            case "error" -> count("error-" + data.path("code").asText());
            default -> {
                // online-status、read-receipt 等与测量无关
            }
        }
    }

    @Override
    public void onClose(WsConnection connection, int closeCode) {
        if (!closing) {
            count("closed-" + closeCode);
        }
    }

    private void count(String kind) {
        errors.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void close() {
        closing = true;
        connections.forEach(WsConnection::close);
        for (WsConnection c : connections) {
            try {
                c.closedFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                c.channel().close();
            }
        }
    }
}
