package com.acme.im.bench.chat;

import com.acme.im.bench.BenchContext;
import com.acme.im.bench.BenchOptions;
import com.acme.im.bench.client.BenchUser;
import com.acme.im.bench.report.WorkloadResult;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * 负载 2：群聊扩散。三种形态：
 * <ul>
 *   <li>500 人群、全部在线：logic 直接按网关投递（成员数不超过扩散阈值 500）；</li>
 *   <li>5000 人群、2000 人在线：超过阈值，由 fanout 函数分页投递；</li>
 *   <li>世界聊天室：所有已连接的客户端都加入 world。</li>
 * </ul>
 * 每条消息应到达除发送设备外的所有在线成员；报告每次投递的延迟与“到达全部在线成员”的时间。
 * 发送方在前 20 个在线成员间轮换，每人速率远低于网关限流。
 */
public final class GroupWorkload {

    private static final int SENDERS = 20;

    private GroupWorkload() {
    }

    /** 500 人群，直接投递路径。 */
    public static WorkloadResult direct(BenchContext ctx) throws Exception {
        BenchOptions o = ctx.options();
        int members = o.integer("direct-members", 500);
        return group(ctx, "group " + members + " members, all online (direct path)", members, members,
                o.decimal("direct-rate", 4));
    }

    /** 5000 人群、2000 人在线，扩散任务路径。 */
    public static WorkloadResult fanout(BenchContext ctx) throws Exception {
        BenchOptions o = ctx.options();
        int members = o.integer("fanout-members", 5000);
        int online = o.integer("fanout-online", 2000);
        return group(ctx, "group " + members + " members, " + online + " online (fanout function)", members, online,
                o.decimal("fanout-rate", 2));
    }

    /** 世界聊天室：world-online 个客户端全部加入并在线。 */
    public static WorkloadResult world(BenchContext ctx) throws Exception {
        BenchOptions o = ctx.options();
        int online = o.integer("world-online", 2000);
        List<BenchUser> users = ctx.users(online);
        parallel(users, u -> retry5xx(() -> ctx.rest().joinWorld(u.accessToken())));
        if (RETRIES.get() > 0) {
            System.out.printf("[group] world joins retried %d times after HTTP 5xx%n", RETRIES.get());
        }
        return traffic(ctx, "world room, " + online + " connected clients", "world", users, o.decimal("world-rate", 2), "w");
    }

    private static WorkloadResult group(BenchContext ctx, String name, int members, int online, double rate) throws Exception {
        List<BenchUser> users = ctx.users(members);
        BenchUser owner = users.get(0);
        List<Long> first = new ArrayList<>();
        for (int i = 1; i < Math.min(members, 500); i++) {
            first.add(users.get(i).id());
        }
        JsonNode group = ctx.rest().createGroup(owner.accessToken(), "bench-" + ctx.runTag() + "-" + members, first);
        long groupId = group.path("id").asLong();
        for (int from = 500; from < members; from += 500) {
            List<Long> batch = new ArrayList<>();
            for (int i = from; i < Math.min(members, from + 500); i++) {
                batch.add(users.get(i).id());
            }
            ctx.rest().addMembers(owner.accessToken(), groupId, batch);
        }
        JsonNode info = ctx.rest().get("/api/v1/groups/" + groupId, owner.accessToken());
        System.out.printf("[group] group %d (%s) has %d members%n", groupId, group.path("conversation_id").asText(),
                info.path("member_count").asInt());
        return traffic(ctx, name, group.path("conversation_id").asText(), users.subList(0, online), rate, "g" + members);
    }

    private static WorkloadResult traffic(BenchContext ctx, String name, String conversationId, List<BenchUser> online,
                                          double rate, String tagSuffix) throws Exception {
        BenchOptions o = ctx.options();
        TrafficRunner.Timing timing = new TrafficRunner.Timing(o.decimal("warmup", 5), o.decimal("seconds", 20), o.decimal("drain", 10));
        System.out.printf("[group] %s: connecting %d clients%n", name, online.size());
        try (ChatClients clients = ChatClients.connect(ctx.ws(), online, 200)) {
            int up = clients.awaitOnline(ctx.rest(), 30);
            System.out.printf("[group] %d/%d online%n", up, online.size());
            int n = clients.size();
            int senders = Math.min(SENDERS, n);
            WorkloadResult r = TrafficRunner.run(name, ctx.runTag() + "-" + tagSuffix, clients, ctx.cpu(), rate, timing, i -> {
                int sender = (int) (i % senders);
                int[] receivers = new int[n - 1];
                for (int k = 0, j = 0; k < n; k++) {
                    if (k != sender) {
                        receivers[j++] = k;
                    }
                }
                return new TrafficRunner.Target(sender, conversationId, receivers);
            });
            System.out.println("[group] " + ChatReportLine.format(r));
            return r;
        }
    }

    /** 因 5xx（如 repo 死锁）重试的次数：系统缺陷的证据，打印出来。 */
    static final java.util.concurrent.atomic.AtomicLong RETRIES = new java.util.concurrent.atomic.AtomicLong();

    /** 暂时性 5xx 退避重试，最多 6 次。 */
    static Object retry5xx(java.util.concurrent.Callable<Object> call) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.call();
            } catch (com.acme.im.bench.client.RestClient.RestException e) {
                if (attempt >= 5 || e.status() < 500) {
                    throw e;
                }
                RETRIES.incrementAndGet();
                java.util.concurrent.TimeUnit.MILLISECONDS.sleep(200L << attempt);
            }
        }
    }

    /** 对每个用户并发执行一次 REST 调用。 */
    interface UserCall {
        Object call(BenchUser user) throws Exception;
    }

    static void parallel(List<BenchUser> users, UserCall call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (BenchUser u : users) {
                futures.add(pool.submit(() -> call.call(u)));
            }
            for (Future<Object> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
