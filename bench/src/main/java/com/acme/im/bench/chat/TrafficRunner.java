package com.acme.im.bench.chat;

import com.acme.im.bench.report.Completeness;
import com.acme.im.bench.report.ProcessCpu;
import com.acme.im.bench.report.WorkloadResult;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * 一个开环测量阶段：按速率从指定设备发消息，等待投递排空，汇总延迟、完整性、错误与各进程 CPU。
 */
public final class TrafficRunner {

    /** 消息内容的填充，使一条消息约 100 字节，接近普通聊天文本。 */
    private static final String PADDING = "x".repeat(64);

    /** 第 i 条消息从哪个设备发往哪个会话、应到达哪些设备。 */
    public record Target(int sender, String conversationId, int[] receivers) {
    }

    /** 消息路由：按序号选择发送方与接收方。 */
    @FunctionalInterface
    public interface Route {
        Target target(long index);
    }

    /**
     * 时长设置（秒）。
     *
     * @param warmup  预热（不计入延迟）
     * @param measure 测量
     * @param drain   发送结束后等待迟到消息的上限
     */
    public record Timing(double warmup, double measure, double drain) {
    }

    private TrafficRunner() {
    }

    public static WorkloadResult run(String name, String tag, ChatClients clients, ProcessCpu cpu, double rate,
                                     Timing timing, Route route) throws InterruptedException {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long measureFrom = start + (long) (timing.warmup() * 1e9);
        DeliveryLedger ledger = new DeliveryLedger(measureFrom);
        clients.ledger(ledger);
        clients.drainErrors();
        long count = RateScheduler.count(rate, timing.warmup() + timing.measure());
        Map<String, Long>[] cpuAtMeasure = new Map[1];
        long[] measureStart = new long[1];
        RateScheduler.Result r = RateScheduler.run(start, rate, count, (i, intended) -> {
            if (cpuAtMeasure[0] == null && intended >= measureFrom) {
                cpuAtMeasure[0] = cpu.snapshot();
                measureStart[0] = System.nanoTime();
            }
            Target t = route.target(i);
            String id = tag + "-" + i;
            ledger.sent(id, intended, t.receivers());
            clients.send(t.sender(), t.conversationId(), id, id + " " + PADDING);
        });
        long sendEnd = System.nanoTime();
        Map<String, Long> cpuAfter = cpu.snapshot();
        if (cpuAtMeasure[0] == null) {
            cpuAtMeasure[0] = cpuAfter;
            measureStart[0] = sendEnd;
        }
        long drainDeadline = sendEnd + (long) (timing.drain() * 1e9);
        while (!ledger.allDelivered() && System.nanoTime() < drainDeadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        Completeness c = ledger.completeness();
        if (System.getenv("BENCH_TIMELINE") != null) {
            System.err.println("worst ms per second at " + rate + "/s: "
                    + Arrays.toString(ledger.worstMillisPerSecond((int) Math.ceil(timing.measure()))));
        }
        WorkloadResult result = new WorkloadResult(name, rate, r.achievedRate(), ledger.deliveryLatency(),
                ledger.reachAllLatency(), c, clients.drainErrors(),
                ProcessCpu.cores(cpuAtMeasure[0], cpuAfter, sendEnd - measureStart[0]));
        clients.ledger(null);
        return result;
    }
}
