package com.acme.im.bench.chaos;

import com.acme.im.bench.BenchOptions;
import com.acme.im.bench.client.BenchUser;
import com.acme.im.bench.client.RestClient;
import com.acme.im.bench.client.UserPool;
import com.acme.im.bench.client.WsClient;
import com.acme.im.bench.report.Environment;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * 故障注入套件入口（由 scripts/chaos.sh 调用）：ChaosMain short|full [--name=value ...]。
 * 准备用户、单聊环与群，连上全部客户端并开始平稳流量；平稳期之后逐个注入故障，每个故障后观察一个窗口，
 * 直到恢复且积压清空再注入下一个；最后停流量、等确认、收尾补拉、读出全部历史并判定。
 * 退出码：0 全部通过，1 有丢失/重复存储/seq 空洞等失败，2 套件自身出错。
 */
public final class ChaosMain {

    private ChaosMain() {
    }

    public static void main(String[] args) {
        int rc;
        try {
            rc = run(BenchOptions.parse(args));
        } catch (Exception e) {
            e.printStackTrace();
            rc = 2;
        }
        System.exit(rc);
    }

    private static int run(BenchOptions o) throws Exception {
        String variant = o.workload();
        if (!"short".equals(variant) && !"full".equals(variant)) {
            throw new IllegalArgumentException("variant must be short or full, got " + variant);
        }
        boolean full = "full".equals(variant);
        Path root = Path.of(o.string("root", System.getProperty("user.dir"))).toAbsolutePath();
        String gateway = o.string("gateway", "http://127.0.0.1:8080");
        int ringSize = o.integer("ring", 200);
        int groupSize = o.integer("group", 50);
        double ringRate = o.decimal("ring-rate", 100);
        double groupRate = o.decimal("group-rate", 4);
        double warmup = o.decimal("warmup", full ? 20 : 10);
        double window = o.decimal("window", full ? 20 : 15);
        // 短套件要在 5 分钟内跑完：故障没恢复时也只多等 40 秒
        double settleCap = o.decimal("settle-cap", full ? 120 : 40);
        double drain = o.decimal("drain", full ? 120 : 60);
        int pauseSeconds = o.integer("pause-seconds", 20);
        String taskFunction = o.string("task-function", "index-function");
        String faultList = o.string("faults", "");
        List<String> keys = faultList.isBlank()
                ? (full ? Fault.fullPlan(taskFunction) : Fault.shortPlan())
                : Arrays.asList(faultList.split(","));
        List<Fault> faults = Fault.parseAll(keys, pauseSeconds);
        String tag = "c" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        Path outDir = root.resolve("bench/target/chaos");
        Files.createDirectories(outDir);

        Environment env = Environment.capture(root);
        long t0 = System.nanoTime();
        ChaosLedger ledger = new ChaosLedger(() -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        RestClient rest = new RestClient(URI.create(gateway));
        FaultInjector injector = new FaultInjector(root, outDir.resolve(tag + "-actions.log"), ledger::nowMs);
        Runtime.getRuntime().addShutdownHook(new Thread(injector::releasePaused));
        log(ledger, "run " + tag + ": " + faults.size() + " faults " + keys + "; fault actions log "
                + outDir.resolve(tag + "-actions.log"));

        // 用户：单独的缓存文件，不动压测的 5000 人池
        UserPool pool = new UserPool(rest, root.resolve("bench/target/chaos-user-pool.json"), 3);
        List<BenchUser> users = pool.ensure(ringSize + groupSize);
        List<BenchUser> ringUsers = users.subList(0, ringSize);
        List<BenchUser> groupUsers = users.subList(ringSize, ringSize + groupSize);
        int stride = pickStride(rest, ringUsers);
        String[] ring = openRing(rest, ringUsers, stride);
        BenchUser owner = groupUsers.get(0);
        JsonNode group = rest.createGroup(owner.accessToken(), "chaos-" + tag,
                groupUsers.subList(1, groupSize).stream().map(BenchUser::id).toList());
        String groupConv = group.path("conversation_id").asText();
        log(ledger, "ring of " + ringSize + " users (user i -> i+" + stride + "), group " + groupConv + " of " + groupSize
                + " members");

        List<String> notes = new ArrayList<>();
        List<Phase> phases = new ArrayList<>();
        boolean aborted = false;
        try (WsClient ws = new WsClient(URI.create(gateway.replaceFirst("^http", "ws") + "/ws"), o.integer("client-threads", 2));
             ClientFleet fleet = new ClientFleet(ws, rest, ledger)) {
            for (int i = 0; i < ringSize; i++) {
                fleet.add(ringUsers.get(i), List.of(ring[i], ring[Math.floorMod(i - stride, ringSize)]));
            }
            for (BenchUser u : groupUsers) {
                fleet.add(u, List.of(groupConv));
            }
            fleet.start();
            awaitConnected(fleet, ledger, 60);
            awaitOnline(rest, users, 30);

            Traffic traffic = new Traffic(fleet, new Traffic.Shape(ringSize, stride, ring, ringRate, ringSize, groupSize,
                    groupConv, groupRate), tag);
            ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "chaos-progress");
                t.setDaemon(true);
                return t;
            });
            String[] current = {"steady"};
            progress.scheduleAtFixedRate(() -> log(ledger, String.format(Locale.ROOT,
                    "%-28s sent %d, acked %d, unacked %d, deliveries live %d / sync %d, connected %d/%d",
                    current[0], ledger.created(), ledger.acked(), fleet.pending(), ledger.liveDeliveries(),
                    ledger.syncDeliveries(), fleet.connected(), fleet.size())), 5, 5, TimeUnit.SECONDS);

            ledger.phase(0);
            long steadyFrom = ledger.nowMs();
            phases.add(new Phase("steady (no fault)", false, steadyFrom, steadyFrom, 0, ""));
            traffic.start();
            log(ledger, String.format(Locale.ROOT, "traffic: ring %.0f msg/s, group %.1f msg/s; steady for %.0f s",
                    ringRate, groupRate, warmup));
            TimeUnit.MILLISECONDS.sleep((long) (warmup * 1000));

            for (int k = 0; k < faults.size(); k++) {
                Fault f = faults.get(k);
                int index = phases.size();
                long faultAt = ledger.nowMs();
                ledger.phase(index);
                current[0] = f.key();
                log(ledger, ">>> fault " + (k + 1) + "/" + faults.size() + ": " + f.label());
                FaultInjector.Injection done;
                String note = "";
                try {
                    done = injector.inject(f);
                } catch (Exception e) {
                    long now = ledger.nowMs();
                    done = new FaultInjector.Injection(now, now);
                    note = "action failed: " + e.getMessage();
                    notes.add(f.label() + ": " + note.lines().findFirst().orElse(note) + " (remaining faults skipped)");
                    log(ledger, "!!! " + note);
                    aborted = true;
                }
                long actionMs = done.doneMs() - faultAt;
                phases.add(new Phase(f.label(), true, faultAt, done.effectiveMs(), actionMs, note));
                log(ledger, String.format(Locale.ROOT, "    in effect after %.1f s, action done in %.1f s",
                        (done.effectiveMs() - faultAt) / 1000.0, actionMs / 1000.0));
                long recovered = settle(ledger, done.effectiveMs(), done.doneMs(), window, settleCap);
                log(ledger, "<<< " + f.label() + ": " + (recovered < 0 ? "NOT recovered"
                        : String.format(Locale.ROOT, "recovered %.1f s after the fault", recovered / 1000.0)));
                if (aborted) {
                    break;
                }
            }

            traffic.stop();
            current[0] = "drain";
            log(ledger, "traffic stopped; waiting until every message is acked (at most " + (long) drain + " s)");
            long drainUntil = ledger.nowMs() + (long) (drain * 1000);
            while (fleet.pending() > 0 && ledger.nowMs() < drainUntil) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            long liveUntil = ledger.nowMs() + 10_000;
            while (!ledger.allSettled() && ledger.nowMs() < liveUntil) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            current[0] = "final sync";
            log(ledger, "final sync of every conversation by every client");
            fleet.finalSync();
            progress.shutdownNow();

            Map<String, ReliableClient> readers = new LinkedHashMap<>();
            for (int i = 0; i < ringSize; i++) {
                readers.put(ring[i], fleet.client(i));
            }
            readers.put(groupConv, fleet.client(ringSize));
            log(ledger, "reading the stored history of " + readers.size() + " conversations");
            Map<String, List<StoredMessage>> history = HistoryReader.read(readers, fleet.restPool());
            if (ledger.misdirected() > 0) {
                notes.add(ledger.misdirected() + " live deliveries reached a device that is not a member");
            }

            Verdict verdict = Verdict.compute(phases, ledger.snapshot(), history, 10);
            String command = o.string("command", "bash scripts/chaos.sh" + (full ? "" : " --short"));
            String traffic1 = String.format(Locale.ROOT, "%d-user one-to-one ring at %.0f msg/s (each user %.2f msg/s to "
                            + "the next) + %d-member group at %.1f msg/s (%d receivers each), from the first second to "
                            + "the end of the last window; every client resends unacked messages every 3 s with the same "
                            + "client_msg_id, reconnects with backoff 0.5 s doubling to 5 s and syncs with after_seq",
                    ringSize, ringRate, ringRate / ringSize, groupSize, groupRate, groupSize - 1);
            String window1 = String.format(Locale.ROOT, "%.0f s of steady traffic before the first fault; after each "
                    + "fault's action, at least %.0f s and until it recovered and no message older than 5 s is unacked "
                    + "(at most %.0f s); then the next fault", warmup, window, settleCap);
            String report = ChaosReport.render(verdict, new ChaosReport.RunInfo(variant, command.trim(), env, Instant.now(),
                    traffic1, window1, jarTimes(root), fleet.stats().snapshot(), notes));
            System.out.println();
            System.out.println(report);
            Path saved = outDir.resolve(variant + "-" + env.startedAt().toString().replace(':', '-') + ".md");
            Files.writeString(saved, report);
            System.out.println("report saved to " + saved);
            if (o.flag("write-docs")) {
                ReliabilityDoc.write(root.resolve("docs/reliability.md"), report);
                System.out.println("docs/reliability.md updated");
            }
            return verdict.passed() && !aborted ? 0 : 1;
        } finally {
            injector.releasePaused();
        }
    }

    /** 快照 jar（scripts/chaos.sh 用 cp -p 复制，保留构建时刻）的构建时间：共享工作区里提交号说明不了跑的是哪份代码。 */
    private static String jarTimes(Path root) {
        Path dir = root.resolve(".infra/chaos-jars");
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT)
                .withZone(java.time.ZoneOffset.UTC);
        List<String> out = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> {
                try {
                    out.add(p.getFileName().toString().replace(".jar", "") + " " + f.format(Files.getLastModifiedTime(p).toInstant()));
                } catch (java.io.IOException e) {
                    out.add(p.getFileName() + " ?");
                }
            });
        } catch (java.io.IOException e) {
            return "unknown (no " + dir + ")";
        }
        return String.join(", ", out) + " UTC";
    }

    /**
     * 观察窗口：动作做完后至少 window 秒，且已恢复、创建超过 5 秒的消息都已确认；最多 settleCap 秒。
     *
     * @return 恢复时间（毫秒，从注入起），没恢复为 -1
     */
    private static long settle(ChaosLedger ledger, long faultAt, long actionEnd, double window, double settleCap)
            throws InterruptedException {
        long minEnd = actionEnd + (long) (window * 1000);
        long cap = actionEnd + (long) (settleCap * 1000);
        long done = -1;
        while (true) {
            long now = ledger.nowMs();
            // 完成时刻都是实时记下的：第一次找到的就是最早的，之后不必再扫
            if (done < 0) {
                done = ledger.firstCompletionSince(faultAt);
            }
            boolean backlogClear = ledger.unackedCreatedBefore(now - 5000) == 0;
            if (now >= minEnd && done >= 0 && backlogClear) {
                return done - faultAt;
            }
            if (now >= cap) {
                log(ledger, "    window cap reached: recovered=" + (done >= 0) + ", unacked older than 5 s: "
                        + ledger.unackedCreatedBefore(now - 5000));
                return done < 0 ? -1 : done - faultAt;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    private static void awaitConnected(ClientFleet fleet, ChaosLedger ledger, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (fleet.connected() < fleet.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + fleet.connected() + "/" + fleet.size() + " clients connected after "
                        + seconds + " s; client events " + fleet.stats().snapshot());
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        log(ledger, fleet.size() + " clients connected");
    }

    /** 等网关把全部用户登记为在线：之前发的消息会被当成离线消息不推送。 */
    private static void awaitOnline(RestClient rest, List<BenchUser> users, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Set<Long> pending = new HashSet<>();
        users.forEach(u -> pending.add(u.id()));
        String token = users.get(0).accessToken();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            List<Long> ids = new ArrayList<>(pending);
            for (int from = 0; from < ids.size(); from += 500) {
                rest.online(token, ids.subList(from, Math.min(ids.size(), from + 500))).forEach(pending::remove);
            }
            if (!pending.isEmpty()) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        if (!pending.isEmpty()) {
            System.out.println("[chaos] warning: " + pending.size() + " users still not shown online after " + seconds + " s");
        }
    }

    /**
     * 选一个步长，使“用户 i 与 i+stride”的会话都是新的：同一批用户跑多次时，旧历史不混进本次核对。
     * 只抽查几个会话（不存在或没有消息即为新）。
     */
    static int pickStride(RestClient rest, List<BenchUser> ring) {
        int n = ring.size();
        Random random = new Random();
        int stride = 1;
        for (int attempt = 0; attempt < 20; attempt++) {
            stride = 1 + random.nextInt(Math.max(1, (n - 1) / 2));
            if (2 * stride == n) {
                continue;
            }
            boolean fresh = true;
            for (int i : new int[]{0, n / 3, 2 * n / 3}) {
                BenchUser a = ring.get(i);
                BenchUser b = ring.get((i + stride) % n);
                String conv = "s_" + Math.min(a.id(), b.id()) + "_" + Math.max(a.id(), b.id());
                try {
                    if (rest.get("/api/v1/conversations/" + conv + "/messages?limit=1", a.accessToken())
                            .path("messages").size() > 0) {
                        fresh = false;
                        break;
                    }
                } catch (RestClient.RestException e) {
                    // 会话还不存在
                }
            }
            if (fresh) {
                return stride;
            }
        }
        return stride;
    }

    /** 打开 i 与 i+stride 的单聊；repo 偶发死锁（5xx）时退避重试。 */
    private static String[] openRing(RestClient rest, List<BenchUser> ring, int stride) throws Exception {
        int n = ring.size();
        String[] out = new String[n];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                BenchUser a = ring.get(i);
                BenchUser b = ring.get((i + stride) % n);
                futures.add(pool.submit(() -> {
                    for (int attempt = 0; ; attempt++) {
                        try {
                            return rest.openSingle(a.accessToken(), b.id());
                        } catch (RestClient.RestException e) {
                            if (attempt >= 5 || e.status() < 500) {
                                throw e;
                            }
                            TimeUnit.MILLISECONDS.sleep(200L << attempt);
                        }
                    }
                }));
            }
            for (int i = 0; i < n; i++) {
                out[i] = futures.get(i).get();
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private static void log(ChaosLedger ledger, String line) {
        System.out.printf(Locale.ROOT, "[chaos %6.1fs] %s%n", ledger.nowMs() / 1000.0, line);
    }
}
