package com.acme.im.bench.chaos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * 故障注入运行的客户端账本：每条消息的创建、确认、每个目标设备的实时/补拉到达。
 * 与压测的 DeliveryLedger 不同，这里要记确认与 message_id、区分实时与补拉、按段归属，并保留每次到达的时刻算恢复时间。
 * 线程安全：创建在发送线程，确认与到达在 Netty 事件循环与补拉线程。
 */
final class ChaosLedger {

    /** 到达方式。 */
    enum Via { LIVE, SYNC, FINAL_SYNC }

    private final LongSupplier clockMs;
    private final Map<String, Tracked> byId = new ConcurrentHashMap<>();
    /** 按创建顺序（只有一个发送线程在追加）。 */
    private final List<Tracked> inOrder = new ArrayList<>();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong live = new AtomicLong();
    private final AtomicLong synced = new AtomicLong();
    private final AtomicLong misdirected = new AtomicLong();
    private volatile int phase;

    /** @param clockMs 相对运行开始的毫秒时钟（测试可注入） */
    ChaosLedger(LongSupplier clockMs) {
        this.clockMs = clockMs;
    }

    long nowMs() {
        return clockMs.getAsLong();
    }

    /** 之后创建的消息归入段 p。 */
    void phase(int p) {
        this.phase = p;
    }

    /** 登记一条新消息（在交给客户端发送之前）。 */
    void created(String clientMsgId, String conversationId, int[] receivers) {
        int[] sorted = receivers.clone();
        Arrays.sort(sorted);
        Tracked t = new Tracked(clientMsgId, conversationId, phase, nowMs(), sorted);
        if (byId.putIfAbsent(clientMsgId, t) != null) {
            throw new IllegalArgumentException("client_msg_id created twice: " + clientMsgId);
        }
        synchronized (inOrder) {
            inOrder.add(t);
        }
    }

    /** 发送方收到成功的 message-ack。 */
    void acked(String clientMsgId, String messageId) {
        Tracked t = byId.get(clientMsgId);
        if (t != null && t.ack(messageId, nowMs())) {
            acked.incrementAndGet();
        }
    }

    /**
     * 设备 receiver 实时收到一条消息。
     *
     * @param duplicate 该设备此前已实时收到过同一 message_id
     */
    void live(String clientMsgId, int receiver, boolean duplicate) {
        Tracked t = byId.get(clientMsgId);
        if (t == null) {
            return;
        }
        int i = Arrays.binarySearch(t.receivers, receiver);
        if (i < 0) {
            misdirected.incrementAndGet();
            return;
        }
        if (t.live(i, nowMs(), duplicate)) {
            live.incrementAndGet();
        }
    }

    /** 设备 receiver 经补拉拿到一条它此前没有的消息。 */
    void synced(String clientMsgId, int receiver, Via via) {
        Tracked t = byId.get(clientMsgId);
        if (t == null) {
            return;
        }
        int i = Arrays.binarySearch(t.receivers, receiver);
        if (i >= 0 && t.synced(i, nowMs(), via == Via.FINAL_SYNC)) {
            synced.incrementAndGet();
        }
    }

    long created() {
        return byId.size();
    }

    long acked() {
        return acked.get();
    }

    long liveDeliveries() {
        return live.get();
    }

    long syncDeliveries() {
        return synced.get();
    }

    /** 送到了不该收的设备（不应发生）。 */
    long misdirected() {
        return misdirected.get();
    }

    /** 创建早于 beforeMs 仍未确认的消息数。 */
    long unackedCreatedBefore(long beforeMs) {
        long n = 0;
        for (Tracked t : snapshotOrder()) {
            if (t.createdMs >= beforeMs) {
                break;
            }
            if (!t.isAcked()) {
                n++;
            }
        }
        return n;
    }

    /** 是否每条消息都已确认且送到每个目标设备（实时或补拉）。 */
    boolean allSettled() {
        for (Tracked t : snapshotOrder()) {
            if (!t.settled()) {
                return false;
            }
        }
        return true;
    }

    /** fromMs 之后创建的消息里最早的完成时刻（已确认且全部实时送达），没有为 -1。 */
    long firstCompletionSince(long fromMs) {
        List<Tracked> all = snapshotOrder();
        long best = -1;
        for (int i = all.size() - 1; i >= 0 && all.get(i).createdMs >= fromMs; i--) {
            long done = all.get(i).snapshot().completionMs();
            if (done >= 0 && (best < 0 || done < best)) {
                best = done;
            }
        }
        return best;
    }

    /** 全部消息的当前账。 */
    List<SentMessage> snapshot() {
        return snapshotOrder().stream().map(Tracked::snapshot).toList();
    }

    private List<Tracked> snapshotOrder() {
        synchronized (inOrder) {
            return new ArrayList<>(inOrder);
        }
    }

    /** 一条消息的可变账，自身加锁。 */
    private static final class Tracked {
        final String clientMsgId;
        final String conversationId;
        final int phase;
        final long createdMs;
        final int[] receivers;
        final long[] liveMs;
        final int[] liveDuplicates;
        final long[] syncMs;
        final boolean[] finalSync;
        long ackMs = -1;
        String ackMessageId;
        boolean ackConflict;

        Tracked(String clientMsgId, String conversationId, int phase, long createdMs, int[] receivers) {
            this.clientMsgId = clientMsgId;
            this.conversationId = conversationId;
            this.phase = phase;
            this.createdMs = createdMs;
            this.receivers = receivers;
            this.liveMs = new long[receivers.length];
            this.liveDuplicates = new int[receivers.length];
            this.syncMs = new long[receivers.length];
            this.finalSync = new boolean[receivers.length];
            Arrays.fill(liveMs, -1);
            Arrays.fill(syncMs, -1);
        }

        /** @return 是否第一次确认 */
        synchronized boolean ack(String messageId, long now) {
            if (ackMs >= 0) {
                if (!ackMessageId.equals(messageId)) {
                    ackConflict = true;
                }
                return false;
            }
            ackMs = now;
            ackMessageId = messageId;
            return true;
        }

        synchronized boolean isAcked() {
            return ackMs >= 0;
        }

        /** @return 是否该设备第一次收到（实时或补拉都没有过） */
        synchronized boolean live(int i, long now, boolean duplicate) {
            if (duplicate) {
                liveDuplicates[i]++;
                return false;
            }
            boolean first = liveMs[i] < 0 && syncMs[i] < 0;
            if (liveMs[i] < 0) {
                liveMs[i] = now;
            }
            return first;
        }

        synchronized boolean synced(int i, long now, boolean last) {
            if (liveMs[i] >= 0 || syncMs[i] >= 0) {
                return false;
            }
            syncMs[i] = now;
            finalSync[i] = last;
            return true;
        }

        synchronized boolean settled() {
            if (ackMs < 0) {
                return false;
            }
            for (int i = 0; i < receivers.length; i++) {
                if (liveMs[i] < 0 && syncMs[i] < 0) {
                    return false;
                }
            }
            return true;
        }

        synchronized SentMessage snapshot() {
            List<Receipt> receipts = new ArrayList<>(receivers.length);
            for (int i = 0; i < receivers.length; i++) {
                receipts.add(new Receipt(receivers[i], liveMs[i], liveDuplicates[i], syncMs[i], finalSync[i]));
            }
            return new SentMessage(clientMsgId, conversationId, phase, createdMs, ackMs, ackMessageId, ackConflict,
                    receipts);
        }
    }
}
