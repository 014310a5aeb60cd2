package com.acme.im.bench.chat;

import com.acme.im.bench.report.Completeness;
import com.acme.im.bench.report.LatencySummary;
import org.HdrHistogram.Histogram;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * 一个测量阶段的投递账本：发送前登记每条消息的计划发送时间与目标设备，接收方每收到一次就记账。
 * 延迟从“计划发送时间”算起（修正协同遗漏：发送端落后时，落后的时间也算进延迟）；
 * 预热期内计划发出的消息只参与完整性核对，不计入延迟。
 * 线程安全：登记在调度线程，收账在各个 Netty 事件循环线程。
 */
public final class DeliveryLedger {

    private final Map<String, Tracked> messages = new ConcurrentHashMap<>();
    private final long measureFromNanos;
    private final Histogram perDelivery = LatencySummary.newMicrosHistogram();
    private final Histogram reachAll = LatencySummary.newMicrosHistogram();
    private final AtomicLong expected = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();
    private final AtomicLong pendingMessages = new AtomicLong();
    /** 按计划发送时间所在的秒统计的最大延迟（微秒），定位尾延迟是持续的排队还是个别时刻的停顿。 */
    private final AtomicLongArray worstPerSecond = new AtomicLongArray(3600);

    /**
     * @param measureFromNanos 计划发送时间（System.nanoTime）不早于此值的消息才计入延迟
     */
    public DeliveryLedger(long measureFromNanos) {
        this.measureFromNanos = measureFromNanos;
    }

    /**
     * 登记一条即将发出的消息。必须在真正写出之前调用，否则快速到达的回执会被当作误投。
     *
     * @param clientMsgId   消息的 client_msg_id（账本内唯一）
     * @param intendedNanos 计划发送时间
     * @param receivers     目标设备编号（会被排序）
     */
    public void sent(String clientMsgId, long intendedNanos, int... receivers) {
        int[] sorted = receivers.clone();
        Arrays.sort(sorted);
        Tracked previous = messages.putIfAbsent(clientMsgId, new Tracked(intendedNanos, sorted));
        if (previous != null) {
            throw new IllegalArgumentException("client_msg_id registered twice: " + clientMsgId);
        }
        expected.addAndGet(sorted.length);
        if (sorted.length > 0) {
            pendingMessages.incrementAndGet();
        }
    }

    /**
     * 记录设备 receiver 在 nowNanos 收到消息 clientMsgId。
     *
     * @return 该消息是否属于本账本（不属于的如上一阶段迟到的消息，被忽略）
     */
    public boolean received(String clientMsgId, int receiver, long nowNanos) {
        Tracked t = messages.get(clientMsgId);
        if (t == null) {
            return false;
        }
        int idx = Arrays.binarySearch(t.receivers, receiver);
        if (idx < 0) {
            unexpected.incrementAndGet();
            return true;
        }
        int n = t.counts.incrementAndGet(idx);
        if (n > 1) {
            duplicates.incrementAndGet();
            return true;
        }
        delivered.incrementAndGet();
        boolean measured = t.intendedNanos >= measureFromNanos;
        long micros = TimeUnit.NANOSECONDS.toMicros(Math.max(0, nowNanos - t.intendedNanos));
        if (measured) {
            record(perDelivery, micros);
            int second = (int) Math.min(worstPerSecond.length() - 1, TimeUnit.NANOSECONDS.toSeconds(t.intendedNanos - measureFromNanos));
            worstPerSecond.accumulateAndGet(second, micros, Math::max);
        }
        if (t.remaining.decrementAndGet() == 0) {
            pendingMessages.decrementAndGet();
            if (measured) {
                record(reachAll, micros);
            }
        }
        return true;
    }

    /** 测量阶段每一秒（按计划发送时间）里最慢一次投递的延迟，毫秒；没有消息的秒为 0。 */
    public long[] worstMillisPerSecond(int seconds) {
        long[] out = new long[Math.min(seconds, worstPerSecond.length())];
        for (int i = 0; i < out.length; i++) {
            out[i] = worstPerSecond.get(i) / 1000;
        }
        return out;
    }

    /** 是否每条消息都已到达全部目标设备。 */
    public boolean allDelivered() {
        return pendingMessages.get() == 0;
    }

    public Completeness completeness() {
        long exp = expected.get();
        long del = delivered.get();
        return new Completeness(messages.size(), exp, del, exp - del, duplicates.get(), unexpected.get());
    }

    /** 每次投递（发送到某一设备收到）的延迟。 */
    public LatencySummary deliveryLatency() {
        synchronized (perDelivery) {
            return LatencySummary.ofMicros(perDelivery);
        }
    }

    /** 每条消息到达全部目标设备所用的时间（最后一个设备收到为止）。 */
    public LatencySummary reachAllLatency() {
        synchronized (reachAll) {
            return LatencySummary.ofMicros(reachAll);
        }
    }

    private static void record(Histogram h, long micros) {
        synchronized (h) {
            h.recordValue(Math.min(micros, h.getHighestTrackableValue()));
        }
    }

    /** 一条消息的计划时间、目标设备与每个设备的收到次数。 */
    private static final class Tracked {
        final long intendedNanos;
        final int[] receivers;
        final AtomicIntegerArray counts;
        final AtomicInteger remaining;

        Tracked(long intendedNanos, int[] receivers) {
            this.intendedNanos = intendedNanos;
            this.receivers = receivers;
            this.counts = new AtomicIntegerArray(receivers.length);
            this.remaining = new AtomicInteger(receivers.length);
        }
    }
}
