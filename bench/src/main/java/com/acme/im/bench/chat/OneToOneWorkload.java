package com.acme.im.bench.chat;

import com.acme.im.bench.BenchContext;
import com.acme.im.bench.BenchOptions;
import com.acme.im.bench.client.BenchUser;
import com.acme.im.bench.client.RestClient;
import com.acme.im.bench.report.WorkloadResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * 负载 1：单聊环。ring 个用户各持一条连接，用户 i 给用户 i+1 发消息（单聊会话经 REST 打开）；
 * 速率逐级升高，直到 p99 超过上限、出现错误或投递不完整，报告能保持的最高速率。
 * 每个用户的发送速率 = 总速率 / ring，默认 1000 人时 10000 条/秒也只有每人 10 条/秒，
 * 低于网关默认的每用户 20 条/秒限流（不为压测放宽限流）。
 */
public final class OneToOneWorkload {

    /** 各台阶结果与能保持的最高速率（一个都不达标时为 0）。 */
    public record Outcome(List<WorkloadResult> steps, double highestHeldRate, double p99LimitMs) {
    }

    private OneToOneWorkload() {
    }

    public static Outcome run(BenchContext ctx) throws Exception {
        BenchOptions o = ctx.options();
        int ring = o.integer("ring", 1000);
        List<Double> rates = o.decimals("rates", "100,500,1000,2000,3000,5000,7500,10000");
        TrafficRunner.Timing timing = new TrafficRunner.Timing(o.decimal("warmup", 5), o.decimal("seconds", 20), o.decimal("drain", 10));
        double p99Limit = o.decimal("p99-limit-ms", 200);
        List<BenchUser> users = ctx.users(ring);
        String[] conversations = openRing(ctx, users);
        System.out.printf("[one-to-one] ring of %d users, %d single conversations (%d retried after HTTP 5xx); connecting%n",
                ring, ring, OPEN_RETRIES.get());
        List<WorkloadResult> steps = new ArrayList<>();
        double held = 0;
        try (ChatClients clients = ChatClients.connect(ctx.ws(), users, 200)) {
            int online = clients.awaitOnline(ctx.rest(), 30);
            System.out.printf("[one-to-one] %d/%d online%n", online, ring);
            int step = 0;
            for (double rate : rates) {
                String tag = ctx.runTag() + "-o" + (step++);
                WorkloadResult r = TrafficRunner.run(String.format("one-to-one @%.0f/s", rate), tag, clients, ctx.cpu(),
                        rate, timing, i -> {
                            int sender = (int) (i % ring);
                            int receiver = (sender + 1) % ring;
                            return new TrafficRunner.Target(sender, conversations[sender], new int[]{receiver});
                        });
                steps.add(r);
                System.out.println("[one-to-one] " + ChatReportLine.format(r));
                if (!r.holds(p99Limit)) {
                    break;
                }
                held = rate;
                TimeUnit.SECONDS.sleep(2);
            }
        }
        return new Outcome(steps, held, p99Limit);
    }

    /** 并发建会话时 repo 可能报死锁等暂时性错误（500）：退避重试，并在报告里计数。 */
    static String openWithRetry(BenchContext ctx, BenchUser a, BenchUser b) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return ctx.rest().openSingle(a.accessToken(), b.id());
            } catch (RestClient.RestException e) {
                if (attempt >= 5 || e.status() < 500) {
                    throw e;
                }
                OPEN_RETRIES.incrementAndGet();
                TimeUnit.MILLISECONDS.sleep(200L << attempt);
            }
        }
    }

    /** 打开会话时的重试次数（系统缺陷的证据，写进报告）。 */
    static final java.util.concurrent.atomic.AtomicLong OPEN_RETRIES = new java.util.concurrent.atomic.AtomicLong();

    /** 打开环上每一对的单聊会话：conversations[i] 是用户 i 与 i+1 的会话。 */
    static String[] openRing(BenchContext ctx, List<BenchUser> users) throws Exception {
        int n = users.size();
        String[] out = new String[n];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                BenchUser a = users.get(i);
                BenchUser b = users.get((i + 1) % n);
                futures.add(pool.submit(() -> openWithRetry(ctx, a, b)));
            }
            for (int i = 0; i < n; i++) {
                out[i] = futures.get(i).get();
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }
}
