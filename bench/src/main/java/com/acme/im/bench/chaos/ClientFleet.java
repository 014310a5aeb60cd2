package com.acme.im.bench.chaos;

import com.acme.im.bench.client.BenchUser;
import com.acme.im.bench.client.RestClient;
import com.acme.im.bench.client.WsClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * 全部客户端设备与它们共用的东西：WebSocket 客户端、REST 客户端、账本、计数、定时线程（重发、心跳、重连）、
 * REST 线程池（补拉、重新登录）。
 */
final class ClientFleet implements AutoCloseable {

    private final WsClient ws;
    private final RestClient rest;
    private final ChaosLedger ledger;
    private final ClientStats stats = new ClientStats();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemon("chaos-timer"));
    private final ExecutorService restPool = Executors.newFixedThreadPool(8, daemon("chaos-rest"));
    private final List<ReliableClient> clients = new ArrayList<>();

    ClientFleet(WsClient ws, RestClient rest, ChaosLedger ledger) {
        this.ws = ws;
        this.rest = rest;
        this.ledger = ledger;
    }

    WsClient ws() {
        return ws;
    }

    RestClient rest() {
        return rest;
    }

    ChaosLedger ledger() {
        return ledger;
    }

    ClientStats stats() {
        return stats;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    ExecutorService restPool() {
        return restPool;
    }

    /** 加一个设备；编号即加入顺序。 */
    ReliableClient add(BenchUser user, List<String> conversations) {
        ReliableClient c = new ReliableClient(this, clients.size(), user.username(), user.accessToken(), conversations);
        clients.add(c);
        return c;
    }

    ReliableClient client(int index) {
        return clients.get(index);
    }

    int size() {
        return clients.size();
    }

    /** 全部连上（连上后各自补拉），并开始每 200 毫秒检查重发、每 20 秒心跳。 */
    void start() {
        clients.forEach(ReliableClient::connect);
        scheduler.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            clients.forEach(c -> c.flush(now));
        }, 200, 200, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> clients.forEach(ReliableClient::ping), 20, 20, TimeUnit.SECONDS);
    }

    int connected() {
        return (int) clients.stream().filter(ReliableClient::isConnected).count();
    }

    int pending() {
        return clients.stream().mapToInt(ReliableClient::pendingCount).sum();
    }

    /**
     * 收尾补拉：每个设备对每个会话再补拉一次（失败重试），拿到的之前没有的消息记为“收尾补拉送达”。
     */
    void finalSync() throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (ReliableClient c : clients) {
            futures.add(restPool.submit(() -> {
                for (int attempt = 0; ; attempt++) {
                    try {
                        c.syncAll(ChaosLedger.Via.FINAL_SYNC);
                        return null;
                    } catch (RuntimeException e) {
                        if (attempt >= 10) {
                            throw e;
                        }
                        TimeUnit.SECONDS.sleep(1);
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        clients.forEach(ReliableClient::close);
        restPool.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
