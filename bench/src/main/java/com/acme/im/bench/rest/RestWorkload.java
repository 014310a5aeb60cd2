package com.acme.im.bench.rest;

import com.acme.im.bench.BenchContext;
import com.acme.im.bench.BenchOptions;
import com.acme.im.bench.chat.ChatClients;
import com.acme.im.bench.chat.RateScheduler;
import com.acme.im.bench.client.BenchUser;
import com.acme.im.bench.client.KeepAliveConnection;
import com.acme.im.bench.report.Completeness;
import com.acme.im.bench.report.LatencySummary;
import com.acme.im.bench.report.ProcessCpu;
import com.acme.im.bench.report.WorkloadResult;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * 负载 4：REST 读接口在并发下的延迟。先经 WebSocket 给 pairs 个单聊各写入 messages 条消息，
 * 再分别压测会话列表 GET /api/v1/conversations 与 50 条历史 GET /api/v1/conversations/{id}/messages?limit=50：
 * 先以 rest-rate（默认 500 次/秒）开环定速测延迟（从计划发送时刻算起，卡顿不会被隐藏），
 * 再以 concurrency 个并发调用方闭环（收到响应立刻发下一个）测吞吐上限。
 */
public final class RestWorkload {

    private RestWorkload() {
    }

    public static List<WorkloadResult> run(BenchContext ctx) throws Exception {
        BenchOptions o = ctx.options();
        int pairs = o.integer("rest-pairs", 20);
        int messages = o.integer("rest-messages", 60);
        int concurrency = o.integer("concurrency", 32);
        double warmup = o.decimal("warmup", 5);
        double seconds = o.decimal("seconds", 20);
        List<BenchUser> users = ctx.users(pairs * 2);
        String[] conversations = seed(ctx, users, pairs, messages);
        double rate = o.decimal("rest-rate", 500);
        Supplier<Call> list = () -> {
            BenchUser u = users.get(ThreadLocalRandom.current().nextInt(users.size()));
            return new Call("/api/v1/conversations?page_size=20", u.accessToken());
        };
        Supplier<Call> history = () -> {
            int p = ThreadLocalRandom.current().nextInt(pairs);
            BenchUser u = users.get(2 * p + ThreadLocalRandom.current().nextInt(2));
            return new Call("/api/v1/conversations/" + conversations[p] + "/messages?limit=50", u.accessToken());
        };
        // rest-modes：只跑开环或闭环（排查时用），默认两者都跑
        String modes = o.string("rest-modes", "open,closed");
        int connections = o.integer("rest-connections", 64);
        List<WorkloadResult> out = new ArrayList<>();
        if (modes.contains("open")) {
            out.add(openLoop(ctx, "REST conversation list (page_size 20)", rate, connections, warmup, seconds, list));
            out.add(openLoop(ctx, "REST history page (limit 50)", rate, connections, warmup, seconds, history));
        }
        if (modes.contains("closed")) {
            out.add(closedLoop(ctx, "REST conversation list (page_size 20)", concurrency, warmup, seconds, list));
            out.add(closedLoop(ctx, "REST history page (limit 50)", concurrency, warmup, seconds, history));
        }
        return out;
    }

    /** 每对用户打开单聊并写入 messages 条消息（每人 10 条/秒，低于限流），等全部确认。 */
    private static String[] seed(BenchContext ctx, List<BenchUser> users, int pairs, int messages) throws Exception {
        String[] conversations = new String[pairs];
        for (int p = 0; p < pairs; p++) {
            conversations[p] = ctx.rest().openSingle(users.get(2 * p).accessToken(), users.get(2 * p + 1).id());
        }
        System.out.printf("[rest] seeding %d conversations with %d messages each%n", pairs, messages);
        try (ChatClients clients = ChatClients.connect(ctx.ws(), users, 100)) {
            long before = clients.acks();
            for (int m = 0; m < messages; m++) {
                for (int p = 0; p < pairs; p++) {
                    String id = ctx.runTag() + "-seed-" + p + "-" + m;
                    clients.send(2 * p + (m & 1), conversations[p], id, "history " + id);
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (clients.acks() - before < (long) pairs * messages && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            System.out.printf("[rest] %d/%d seed messages acknowledged, errors %s%n", clients.acks() - before,
                    (long) pairs * messages, clients.drainErrors());
        }
        return conversations;
    }

    /** 一个 GET：路径（含查询串）与访问令牌。 */
    record Call(String path, String token) {
    }

    /** 排队中的开环请求：计划发送时刻随请求一起排队，排队时间计入延迟。 */
    private record Planned(Call call, long intended) {
    }

    /**
     * 开环定速：第 i 个请求在 start + i/rate 进入队列，由 connections 条保持连接的工作线程取走发送；
     * 延迟从计划时刻算到响应读完，所以客户端排队与服务端变慢一样计入（不会被“协调遗漏”掩盖）。
     */
    private static WorkloadResult openLoop(BenchContext ctx, String name, double rate, int connections, double warmup,
                                           double seconds, Supplier<Call> request) throws Exception {
        Histogram h = LatencySummary.newMicrosHistogram();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long measureFrom = start + (long) (warmup * 1e9);
        AtomicLong measured = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        Map<String, Long>[] cpuStart = new Map[1];
        long count = RateScheduler.count(rate, warmup + seconds);
        java.util.concurrent.BlockingQueue<Planned> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        ExecutorService workers = Executors.newFixedThreadPool(connections);
        for (int w = 0; w < connections; w++) {
            workers.submit(() -> {
                try (KeepAliveConnection c = new KeepAliveConnection(ctx.rest().base(), 10_000)) {
                    while (true) {
                        Planned p = queue.take();
                        int status;
                        String error = null;
                        try {
                            status = c.get(p.call().path(), p.call().token());
                        } catch (java.io.IOException e) {
                            status = -1;
                            error = "io-" + e.getClass().getSimpleName();
                        }
                        long done = System.nanoTime();
                        if (error != null) {
                            errors.computeIfAbsent(error, k -> new AtomicLong()).incrementAndGet();
                        } else if (status != 200) {
                            errors.computeIfAbsent("http-" + status, k -> new AtomicLong()).incrementAndGet();
                        } else if (p.intended() >= measureFrom) {
                            measured.incrementAndGet();
                            synchronized (h) {
                                h.recordValue(TimeUnit.NANOSECONDS.toMicros(done - p.intended()));
                            }
                        }
                        completed.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    return null;
                }
            });
        }
        RateScheduler.Result sent;
        try {
            sent = RateScheduler.run(start, rate, count, (i, intended) -> {
                if (cpuStart[0] == null && intended >= measureFrom) {
                    cpuStart[0] = ctx.cpu().snapshot();
                }
                queue.add(new Planned(request.get(), intended));
            });
            long sendEnd = System.nanoTime();
            Map<String, Long> cpuEnd = ctx.cpu().snapshot();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (completed.get() < count && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            if (completed.get() < count) {
                errors.computeIfAbsent("unfinished", k -> new AtomicLong()).addAndGet(count - completed.get());
            }
            Map<String, Long> errorCounts = new TreeMap<>();
            errors.forEach((k, v) -> errorCounts.put(k, v.get()));
            WorkloadResult r = new WorkloadResult(String.format("%s @%.0f/s open loop", name, rate), rate,
                    sent.achievedRate(), LatencySummary.ofMicros(h), LatencySummary.EMPTY, Completeness.NONE, errorCounts,
                    ProcessCpu.cores(cpuStart[0] == null ? cpuEnd : cpuStart[0], cpuEnd, Math.max(1, sendEnd - measureFrom)));
            System.out.printf("[rest] %s: %.0f req/s sent, %d measured  %s  errors %s  cpu %s%n", r.name(), r.achievedRate(),
                    measured.get(), r.latency().format(), errorCounts, r.cpuCores());
            return r;
        } finally {
            workers.shutdownNow();
        }
    }

    private static WorkloadResult closedLoop(BenchContext ctx, String name, int concurrency, double warmup, double seconds,
                                             Supplier<Call> request) throws Exception {
        Histogram h = LatencySummary.newMicrosHistogram();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        AtomicLong measured = new AtomicLong();
        Map<String, Long>[] cpuStart = new Map[1];
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                futures.add(pool.submit(() -> {
                    try (KeepAliveConnection c = new KeepAliveConnection(ctx.rest().base(), 10_000)) {
                        while (true) {
                            long t0 = System.nanoTime();
                            if (t0 >= end) {
                                return null;
                            }
                            int status;
                            Call call = request.get();
                            try {
                                status = c.get(call.path(), call.token());
                            } catch (java.io.IOException e) {
                                status = -1;
                            }
                            long t1 = System.nanoTime();
                            if (status != 200) {
                                errors.computeIfAbsent("http-" + status, k -> new AtomicLong()).incrementAndGet();
                            } else if (t0 >= measureFrom) {
                                measured.incrementAndGet();
                                synchronized (h) {
                                    h.recordValue(TimeUnit.NANOSECONDS.toMicros(t1 - t0));
                                }
                            }
                        }
                    }
                }));
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(0, measureFrom - System.nanoTime()));
            cpuStart[0] = ctx.cpu().snapshot();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Long> cpuEnd = ctx.cpu().snapshot();
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((k, v) -> errorCounts.put(k, v.get()));
        WorkloadResult r = new WorkloadResult(name + ", " + concurrency + " concurrent", 0, measured.get() / seconds,
                LatencySummary.ofMicros(h), LatencySummary.EMPTY, Completeness.NONE, errorCounts,
                ProcessCpu.cores(cpuStart[0], cpuEnd, end - measureFrom));
        System.out.printf("[rest] %s: %.0f req/s  %s  errors %s  cpu %s%n", r.name(), r.achievedRate(),
                r.latency().format(), errorCounts, r.cpuCores());
        return r;
    }
}
