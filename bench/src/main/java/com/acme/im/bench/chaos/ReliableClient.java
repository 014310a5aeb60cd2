package com.acme.im.bench.chaos;

import com.acme.im.bench.client.FrameListener;
import com.acme.im.bench.client.RestClient;
import com.acme.im.bench.client.UserPool;
import com.acme.im.bench.client.WsConnection;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * 一个“守规矩”的客户端设备，完全照 docs/websocket-protocol.md 行事：
 * 令牌放在 ?token=；每条消息在收到 message-ack 之前一直留着，每 3 秒用同一 client_msg_id 重发；
 * 1005 表示慢一点（暂停 1 秒再发）；连接断了按 0.5 秒起翻倍、最多 5 秒退避重连，连上后对每个会话
 * 按 after_seq 分页补拉到 has_more 为 false；收到的消息按 message_id 去重；令牌被拒（401）就重新登录。
 * 状态由自身加锁：收帧在 Netty 事件循环，发送在发送线程，重发与重连在定时线程，补拉在 REST 线程池。
 */
final class ReliableClient implements FrameListener {

    /** 未确认消息的重发间隔。 */
    static final long RESEND_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** 收到 1005 后暂停发送的时间。 */
    static final long THROTTLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** 一次最多写出的帧数，积压很多时分几轮发，不一下子撞上每用户 40 条的突发上限。 */
    static final int MAX_FRAMES_PER_FLUSH = 30;
    /** 补拉每页条数（历史接口上限 100，Limits.MAX_HISTORY_PAGE）。 */
    static final int PAGE = 100;

    private static final String PADDING = "x".repeat(40);

    private final ClientFleet fleet;
    private final int index;
    private final String username;
    private final List<String> conversations;
    private volatile String token;

    // 以下由 this 保护
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, SeqWatermark> seqs = new HashMap<>();
    /** 见过的 message_id -> 是否实时收到过。 */
    private final Map<String, Boolean> seen = new HashMap<>();
    private WsConnection connection;
    private boolean connecting;
    private int attempt;
    /** 1005 之后到这个时刻（nanoTime）前不发；初值取构造时刻，不能用 Long.MIN_VALUE（now - MIN_VALUE 会溢出）。 */
    private long throttledUntil = System.nanoTime();
    private boolean closed;

    private final AtomicBoolean syncRunning = new AtomicBoolean();
    private volatile boolean syncWanted;

    ReliableClient(ClientFleet fleet, int index, String username, String token, List<String> conversations) {
        this.fleet = fleet;
        this.index = index;
        this.username = username;
        this.token = token;
        this.conversations = List.copyOf(conversations);
    }

    int index() {
        return index;
    }

    List<String> conversations() {
        return conversations;
    }

    synchronized boolean isConnected() {
        return connection != null && connection.isOpen();
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    /** 一条待确认的消息：帧文本与上次写出的时刻。 */
    private static final class Pending {
        final String frame;
        long lastSentNanos;
        boolean sendNow = true;
        int attempts;

        Pending(String frame) {
            this.frame = frame;
        }
    }

    // ---------------------------------------------------------------- 连接与重连

    void connect() {
        synchronized (this) {
            if (closed || connecting || (connection != null && connection.isOpen())) {
                return;
            }
            connecting = true;
        }
        fleet.ws().connectWithQueryToken(token, index, this).whenComplete(this::connected);
    }

    private void connected(WsConnection c, Throwable error) {
        if (error != null) {
            synchronized (this) {
                connecting = false;
            }
            fleet.stats().add("connect-failed");
            if (String.valueOf(error.getMessage()).contains("HTTP 401")) {
                // 令牌被拒：重新登录后再连
                fleet.restPool().execute(() -> {
                    try {
                        relogin();
                    } catch (RuntimeException e) {
                        fleet.stats().add("relogin-failed");
                    }
                    scheduleReconnect();
                });
            } else {
                scheduleReconnect();
            }
            return;
        }
        boolean reconnect = false;
        synchronized (this) {
            connecting = false;
            if (closed) {
                c.close();
                return;
            }
            if (c.isOpen()) {
                connection = c;
                attempt = 0;
                // 新连接上把所有未确认的消息立刻重发一遍
                pending.values().forEach(p -> p.sendNow = true);
            } else {
                reconnect = true;
            }
        }
        if (reconnect) {
            scheduleReconnect();
            return;
        }
        fleet.stats().add("connected");
        flush(System.nanoTime());
        requestSync();
    }

    @Override
    public void onClose(WsConnection c, int closeCode) {
        synchronized (this) {
            if (c != connection) {
                return;
            }
            connection = null;
            if (closed) {
                return;
            }
        }
        fleet.stats().add(closeCode < 0 ? "closed-network" : "closed-" + closeCode);
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        long delay;
        synchronized (this) {
            if (closed) {
                return;
            }
            delay = backoffMillis(attempt++);
        }
        // ±20% 抖动：网关重启后几百个客户端不要同一毫秒一起连
        long jittered = (long) (delay * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
        fleet.scheduler().schedule(this::connect, jittered, TimeUnit.MILLISECONDS);
    }

    /** 第 attempt 次（从 0 起）重连前的等待：0.5、1、2、4、5、5 ... 秒。 */
    static long backoffMillis(int attempt) {
        return Math.min(5000, 500L << Math.min(attempt, 4));
    }

    // ---------------------------------------------------------------- 发送与重发

    /** 用户按下发送：消息进入待确认表，连着就马上写出。 */
    void submit(String clientMsgId, String conversationId) {
        String frame = "{\"type\":\"send-message\",\"message_id\":\"" + clientMsgId + "\",\"data\":{\"conversation_id\":\""
                + conversationId + "\",\"message_type\":1,\"content\":\"" + clientMsgId + " " + PADDING
                + "\",\"client_msg_id\":\"" + clientMsgId + "\"}}";
        synchronized (this) {
            pending.put(clientMsgId, new Pending(frame));
        }
        flush(System.nanoTime());
    }

    /** 写出新消息与到期（3 秒未确认）的消息；定时线程每 200 毫秒调用一次。 */
    void flush(long now) {
        List<String> out = new ArrayList<>();
        WsConnection c;
        int resends = 0;
        synchronized (this) {
            c = connection;
            if (c == null || !c.isOpen() || now - throttledUntil < 0) {
                return;
            }
            for (Pending p : pending.values()) {
                if (out.size() >= MAX_FRAMES_PER_FLUSH) {
                    break;
                }
                if (p.sendNow || now - p.lastSentNanos >= RESEND_NANOS) {
                    if (p.attempts > 0) {
                        resends++;
                    }
                    p.attempts++;
                    p.sendNow = false;
                    p.lastSentNanos = now;
                    out.add(p.frame);
                }
            }
        }
        out.forEach(c::send);
        for (int i = 0; i < resends; i++) {
            fleet.stats().add("resent");
        }
    }

    /** 心跳：网关 60 秒没有客户端帧就关连接。 */
    void ping() {
        WsConnection c;
        synchronized (this) {
            c = connection;
        }
        if (c != null && c.isOpen()) {
            c.send("{\"type\":\"ping\",\"message_id\":\"p\"}");
        }
    }

    // ---------------------------------------------------------------- 收帧

    @Override
    public void onText(WsConnection c, String text) {
        JsonNode frame;
        try {
            frame = RestClient.JSON.readTree(text);
        } catch (Exception e) {
            fleet.stats().add("unparseable-frame");
            return;
        }
        JsonNode data = frame.path("data");
        switch (frame.path("type").asText()) {
            case "message-ack" -> onAck(data);
            case "new-message" -> onMessage(data, ChaosLedger.Via.LIVE);
            case "error" -> onError(data);
            default -> {
                // pong、online-status、read-receipt 与核对无关
            }
        }
    }

    private void onAck(JsonNode d) {
        String clientMsgId = d.path("client_msg_id").asText();
        if (d.has("error_code")) {
            // 失败的确认：消息仍留在待确认表里，到期重发
            fleet.stats().add("ack-error-" + d.path("error_code").asText());
            return;
        }
        String messageId = d.path("message_id").asText();
        synchronized (this) {
            pending.remove(clientMsgId);
            // 自己发的消息也占会话的 seq，记进水位线，否则补拉总从它前面开始
            seqs(d.path("conversation_id").asText()).add(d.path("seq_id").asLong());
            seen.putIfAbsent(messageId, false);
        }
        fleet.ledger().acked(clientMsgId, messageId);
    }

    private void onError(JsonNode d) {
        int code = d.path("code").asInt();
        fleet.stats().add("error-" + code);
        if (code == 1005) {
            synchronized (this) {
                throttledUntil = System.nanoTime() + THROTTLE_NANOS;
            }
        }
    }

    /** 实时或补拉拿到的一条消息：按 message_id 去重后记账。 */
    private void onMessage(JsonNode d, ChaosLedger.Via via) {
        String messageId = d.path("message_id").asText();
        String clientMsgId = d.path("client_msg_id").asText("");
        boolean firstSeen;
        boolean duplicateLive = false;
        synchronized (this) {
            seqs(d.path("conversation_id").asText()).add(d.path("seq_id").asLong());
            Boolean prior = seen.get(messageId);
            firstSeen = prior == null;
            if (via == ChaosLedger.Via.LIVE) {
                duplicateLive = Boolean.TRUE.equals(prior);
                seen.put(messageId, true);
            } else if (firstSeen) {
                seen.put(messageId, false);
            }
        }
        if (via == ChaosLedger.Via.LIVE) {
            fleet.ledger().live(clientMsgId, index, duplicateLive);
        } else if (firstSeen) {
            fleet.ledger().synced(clientMsgId, index, via);
        }
    }

    private SeqWatermark seqs(String conversationId) {
        return seqs.computeIfAbsent(conversationId, k -> new SeqWatermark());
    }

    // ---------------------------------------------------------------- 补拉

    /** 要求补拉全部会话（连上后调用）；已在补拉就让它再来一轮。 */
    void requestSync() {
        syncWanted = true;
        if (syncRunning.compareAndSet(false, true)) {
            fleet.restPool().execute(this::runSync);
        }
    }

    private void runSync() {
        boolean failed = false;
        try {
            while (syncWanted && !isClosed()) {
                syncWanted = false;
                syncAll(ChaosLedger.Via.SYNC);
            }
        } catch (RuntimeException e) {
            failed = true;
            fleet.stats().add("sync-failed-" + (e instanceof RestClient.RestException r && r.status() > 0 ? "http-" + r.status() : "io"));
        } finally {
            syncRunning.set(false);
        }
        if (failed) {
            // 例如 logic 正在重启：1 秒后再试，直到补拉成功
            fleet.scheduler().schedule(this::requestSync, 1, TimeUnit.SECONDS);
        } else if (syncWanted) {
            requestSync();
        }
    }

    /** 对每个会话从“连续拥有到的 seq”起分页补拉，直到 has_more 为 false。 */
    void syncAll(ChaosLedger.Via via) {
        for (String conv : conversations) {
            long after;
            synchronized (this) {
                after = seqs(conv).last();
            }
            while (true) {
                JsonNode page = page(conv, after);
                JsonNode messages = page.path("messages");
                for (JsonNode m : messages) {
                    onMessage(m, via);
                    after = Math.max(after, m.path("seq_id").asLong());
                }
                if (!page.path("has_more").asBoolean() || messages.isEmpty()) {
                    break;
                }
            }
        }
        fleet.stats().add(via == ChaosLedger.Via.SYNC ? "synced" : "final-synced");
    }

    /** 一页历史：seq 大于 after 的最多 200 条（升序）；401 时重新登录再试一次。 */
    JsonNode page(String conversationId, long after) {
        String path = "/api/v1/conversations/" + conversationId + "/messages?after_seq=" + after + "&limit=" + PAGE;
        try {
            return fleet.rest().get(path, token);
        } catch (RestClient.RestException e) {
            if (e.status() != 401) {
                throw e;
            }
            relogin();
            return fleet.rest().get(path, token);
        }
    }

    private void relogin() {
        JsonNode s = fleet.rest().login(username, UserPool.PASSWORD);
        token = s.path("access_token").asText();
        fleet.stats().add("relogin");
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    void close() {
        WsConnection c;
        synchronized (this) {
            closed = true;
            c = connection;
            connection = null;
        }
        if (c != null) {
            c.close();
        }
    }
}
