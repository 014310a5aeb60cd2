package com.acme.im.bench.baseline;

import com.acme.im.bench.BenchContext;
import com.acme.im.bench.BenchOptions;
import com.acme.im.bench.chat.DeliveryLedger;
import com.acme.im.bench.chat.RateScheduler;
import com.acme.im.bench.client.BenchUser;
import com.acme.im.bench.client.FrameListener;
import com.acme.im.bench.client.RestClient;
import com.acme.im.bench.client.WsConnection;
import com.acme.im.bench.report.ProcessCpu;
import com.acme.im.bench.report.WorkloadResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 基线：经网关 Netty 服务器的最简 WebSocket 回显——协议里的 ping 帧由网关直接回 pong（不经 Kafka、gRPC），
 * 所以 ping→pong 往返就是“网关的 WebSocket 处理 + 本机回环网络”的下限。开环定速，延迟从计划发送时间算起。
 */
public final class EchoBaseline {

    private EchoBaseline() {
    }

    public static WorkloadResult run(BenchContext ctx) throws Exception {
        BenchOptions o = ctx.options();
        int sockets = o.integer("echo-connections", 50);
        double rate = o.decimal("baseline-rate", 1000);
        double warmup = o.decimal("warmup", 5);
        double seconds = o.decimal("seconds", 20);
        List<BenchUser> users = ctx.users(sockets);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        DeliveryLedger ledger = new DeliveryLedger(start + (long) (warmup * 1e9));
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        FrameListener listener = new FrameListener() {
            @Override
            public void onText(WsConnection connection, String text) {
                long now = System.nanoTime();
                if (text.contains("\"pong\"")) {
                    try {
                        ledger.received(RestClient.JSON.readTree(text).path("message_id").asText(), connection.index(), now);
                    } catch (Exception e) {
                        errors.computeIfAbsent("unparseable-frame", k -> new AtomicLong()).incrementAndGet();
                    }
                } else if (text.contains("\"error\"")) {
                    errors.computeIfAbsent("error-frame", k -> new AtomicLong()).incrementAndGet();
                }
            }
        };
        List<WsConnection> connections = new ArrayList<>();
        for (int i = 0; i < sockets; i++) {
            connections.add(ctx.ws().connect(users.get(i).accessToken(), null, i, listener).get(10, TimeUnit.SECONDS));
        }
        try {
            String tag = ctx.runTag() + "-e";
            Map<String, Long> cpuBefore = ctx.cpu().snapshot();
            RateScheduler.Result r = RateScheduler.run(start, rate, RateScheduler.count(rate, warmup + seconds), (i, intended) -> {
                int c = (int) (i % sockets);
                String id = tag + "-" + i;
                ledger.sent(id, intended, c);
                connections.get(c).send("{\"type\":\"ping\",\"message_id\":\"" + id + "\"}");
            });
            long end = System.nanoTime();
            Map<String, Long> cpuAfter = ctx.cpu().snapshot();
            long deadline = end + TimeUnit.SECONDS.toNanos(5);
            while (!ledger.allDelivered() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            Map<String, Long> errorCounts = new TreeMap<>();
            errors.forEach((k, v) -> errorCounts.put(k, v.get()));
            WorkloadResult result = new WorkloadResult(String.format("WebSocket ping->pong echo via gateway @%.0f/s", rate),
                    rate, r.achievedRate(), ledger.deliveryLatency(), ledger.reachAllLatency(), ledger.completeness(),
                    errorCounts, ProcessCpu.cores(cpuBefore, cpuAfter, end - start));
            System.out.printf("[baseline] %s: achieved %.0f/s  %s  completeness %s%n", result.name(), result.achievedRate(),
                    result.latency().format(), result.completeness().format());
            return result;
        } finally {
            connections.forEach(WsConnection::close);
        }
    }
}
