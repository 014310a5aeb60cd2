package com.acme.im.bench.connection;

import com.acme.im.bench.BenchContext;
import com.acme.im.bench.BenchOptions;
import com.acme.im.bench.client.BenchUser;
import com.acme.im.bench.client.FrameListener;
import com.acme.im.bench.client.WsConnection;
import com.acme.im.bench.report.AppProcesses;
import com.acme.im.bench.report.GatewayMetrics;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * 负载 3：空闲连接爬坡。按固定速率建立带心跳的空闲 WebSocket 连接，直到达到目标、第一次失败、
 * 网关进程消失或超过时间上限；保持一段时间后核对连接仍然存活，报告网关每连接的 RSS 与堆。
 * 源地址轮换 127.0.0.2、127.0.0.3 ...（每个地址最多 per-address 条），避开单个源 IP 的临时端口上限；
 * 令牌取自用户池，每个用户持多条连接（多设备）。
 */
public final class ConnectionRamp {

    /**
     * 结果。RSS 与堆都是网关进程的；堆是 jcmd GC.run 之后的存活量。
     */
    public record Outcome(int target, int established, int openAfterHold, String stopReason, double rampSeconds,
                          long rssBefore, long rssAfter, long heapBefore, long heapAfter, long pings, long pongs,
                          Map<String, Long> errors, List<String> checkpoints, long gatewayMaxOpenFiles) {

        public double rssPerConnection() {
            return established == 0 ? 0 : (rssAfter - rssBefore) / (double) established;
        }

        public double heapPerConnection() {
            return established == 0 || heapAfter < 0 || heapBefore < 0 ? 0 : (heapAfter - heapBefore) / (double) established;
        }
    }

    /** 网关默认的单用户连接（设备）上限。 */
    private static final int DEVICES_PER_USER = 5;

    private ConnectionRamp() {
    }

    public static Outcome run(BenchContext ctx) throws Exception {
        BenchOptions o = ctx.options();
        int target = o.integer("target", 50_000);
        double rate = o.decimal("ramp-rate", 1000);
        int maxInFlight = o.integer("max-in-flight", 256);
        int perAddress = o.integer("per-address", 20_000);
        int heartbeat = o.integer("heartbeat-seconds", 30);
        int hold = o.integer("hold-seconds", 30);
        int capSeconds = o.integer("time-cap-seconds", 300);
        // 网关每个用户最多 5 个连接（im.gateway.max-connections-per-user，第 6 个升级回 429）：用户数至少是目标的五分之一
        int poolSize = o.integer("connection-users", Math.max(5000, (target + DEVICES_PER_USER - 1) / DEVICES_PER_USER));
        Long gatewayPid = AppProcesses.pidOf(ctx.appsDir(), "gateway-app");
        if (gatewayPid == null) {
            throw new IllegalStateException("gateway-app pid not found in " + ctx.appsDir() + " (start it with scripts/system.sh up)");
        }
        long nofile = AppProcesses.maxOpenFiles(gatewayPid);
        List<BenchUser> users = ctx.users(Math.min(poolSize, target));
        GatewayMetrics metrics = new GatewayMetrics(URI.create(o.string("gateway-management", "http://127.0.0.1:9080")));

        GatewayMetrics.fullGc(gatewayPid);
        long rssBefore = AppProcesses.rssBytes(gatewayPid);
        long heapBefore = metrics.heapUsedBytes();
        System.out.printf("[connections] target %d at %.0f/s, gateway pid %d (max open files %d), RSS %d MB, heap %d MB%n",
                target, rate, gatewayPid, nofile, rssBefore >> 20, heapBefore >> 20);

        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        AtomicLong pongs = new AtomicLong();
        AtomicLong pings = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
        FrameListener listener = new FrameListener() {
            @Override
            public void onText(WsConnection connection, String text) {
                if (text.contains("\"pong\"")) {
                    pongs.incrementAndGet();
                } else if (text.contains("\"error\"")) {
                    errors.computeIfAbsent("error-frame", k -> new AtomicLong()).incrementAndGet();
                }
            }

            @Override
            public void onClose(WsConnection connection, int closeCode) {
                if (!closing.get()) {
                    errors.computeIfAbsent("closed-" + closeCode, k -> new AtomicLong()).incrementAndGet();
                    failure.compareAndSet(null, "server closed an idle connection (code " + closeCode + ")");
                }
            }
        };

        Queue connections = new Queue();
        Semaphore inFlight = new Semaphore(maxInFlight);
        List<String> checkpoints = new ArrayList<>();
        long start = System.nanoTime();
        long cap = start + TimeUnit.SECONDS.toNanos(capSeconds);
        int attempted = 0;
        String stop = "target reached";
        while (attempted < target) {
            long due = start + (long) (attempted * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (failure.get() != null) {
                stop = failure.get();
                break;
            }
            if (System.nanoTime() > cap) {
                stop = "time cap of " + capSeconds + " s reached";
                break;
            }
            if (AppProcesses.rssBytes(gatewayPid) < 0) {
                stop = "gateway process exited";
                break;
            }
            if (!inFlight.tryAcquire(20, TimeUnit.SECONDS)) {
                stop = "handshakes stalled (" + maxInFlight + " pending for 20 s)";
                break;
            }
            int index = attempted++;
            InetAddress source = InetAddress.getByAddress(new byte[]{127, 0, 0, (byte) (2 + index / perAddress)});
            BenchUser user = users.get(index % users.size());
            ctx.ws().connect(user.accessToken(), source, index, listener).whenComplete((c, e) -> {
                inFlight.release();
                if (e != null) {
                    errors.computeIfAbsent("connect-failed", k -> new AtomicLong()).incrementAndGet();
                    failure.compareAndSet(null, "connection " + index + " failed: " + e);
                    return;
                }
                connections.add(c);
                long first = ThreadLocalRandom.current().nextLong(heartbeat * 1000L);
                c.channel().eventLoop().scheduleAtFixedRate(() -> {
                    if (c.isOpen()) {
                        pings.incrementAndGet();
                        c.send("{\"type\":\"ping\",\"message_id\":\"h\"}");
                    }
                }, first, heartbeat * 1000L, TimeUnit.MILLISECONDS);
            });
            if (attempted % 10_000 == 0) {
                String cp = String.format("%d connections after %.1f s, gateway RSS %d MB", connections.size(),
                        (System.nanoTime() - start) / 1e9, AppProcesses.rssBytes(gatewayPid) >> 20);
                checkpoints.add(cp);
                System.out.println("[connections] " + cp);
            }
        }
        // 等在途握手结束（每个最多 15 s 超时）
        if (inFlight.tryAcquire(maxInFlight, 30, TimeUnit.SECONDS)) {
            inFlight.release(maxInFlight);
        }
        double rampSeconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null && "target reached".equals(stop)) {
            stop = failure.get();
        }
        int established = connections.size();
        System.out.printf("[connections] %d established in %.1f s (%s); holding %d s with heartbeats every %d s%n",
                established, rampSeconds, stop, hold, heartbeat);
        TimeUnit.SECONDS.sleep(hold);
        int open = connections.openCount();
        long rssAfter = AppProcesses.rssBytes(gatewayPid);
        GatewayMetrics.fullGc(gatewayPid);
        long heapAfter = metrics.heapUsedBytes();
        System.out.printf("[connections] after hold: %d open, gateway RSS %d MB, heap after GC %d MB, pings %d, pongs %d%n",
                open, rssAfter >> 20, heapAfter >> 20, pings.get(), pongs.get());
        closing.set(true);
        connections.closeAll();
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((k, v) -> errorCounts.put(k, v.get()));
        return new Outcome(target, established, open, stop, rampSeconds, rssBefore, rssAfter, heapBefore, heapAfter,
                pings.get(), pongs.get(), errorCounts, checkpoints, nofile);
    }

    /** 已建立的连接（事件循环线程加入，主线程统计与关闭）。 */
    private static final class Queue {
        private final ConcurrentLinkedQueue<WsConnection> items = new ConcurrentLinkedQueue<>();
        private final AtomicLong size = new AtomicLong();

        void add(WsConnection c) {
            items.add(c);
            size.incrementAndGet();
        }

        int size() {
            return (int) size.get();
        }

        int openCount() {
            int n = 0;
            for (WsConnection c : items) {
                if (c.isOpen()) {
                    n++;
                }
            }
            return n;
        }

        /** 分批关闭，避免一瞬间几万个下线事件压垮被测系统。 */
        void closeAll() throws InterruptedException {
            int n = 0;
            for (WsConnection c : items) {
                c.close();
                if (++n % 2000 == 0) {
                    TimeUnit.MILLISECONDS.sleep(500);
                }
            }
            TimeUnit.SECONDS.sleep(2);
        }
    }
}
