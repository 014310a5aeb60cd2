package com.acme.im.bench.repo;

import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.repo.v1.CreateUserRequest;
import com.acme.im.proto.repo.v1.GetConversationMessagesRequest;
import com.acme.im.proto.repo.v1.MessageServiceGrpc;
import com.acme.im.proto.repo.v1.SaveMessageRequest;
import com.acme.im.proto.repo.v1.UserServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * repo-app 的 gRPC 基准：对一个正在运行的 repo-app，先用 N 个并发调用方做 SaveMessage（每次新的 client_msg_id，
 * 含序列号分配），再做 50 条一页的历史拉取，输出吞吐与 p50/p99/max 延迟。
 * 只发往命令行给出的地址（默认本机 127.0.0.1:50051），每个阶段按时长自行结束。
 *
 * <p>参数：--target host:port（默认 127.0.0.1:50051）、--seconds 每阶段测量秒数（默认 20）、
 * --warmup 预热秒数（默认 5）、--callers 并发数（默认 16）、--conversations 会话数（默认 16，
 * 调用方轮流写入这些会话；设为 1 即同一会话的最坏情况，因为同一会话的序列号分配是串行的）、
 * --page 每页条数（默认 50）。
 */
public final class RepoGrpcBenchmark {

    private RepoGrpcBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String target = "127.0.0.1:50051";
        int seconds = 20;
        int warmup = 5;
        int callers = 16;
        int conversations = 16;
        int page = 50;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--target" -> target = args[++i];
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--callers" -> callers = Integer.parseInt(args[++i]);
                case "--conversations" -> conversations = Integer.parseInt(args[++i]);
                case "--page" -> page = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        String[] hostPort = target.split(":");
        ManagedChannel channel = NettyChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1]))
                .usePlaintext().build();
        try {
            run(channel, target, seconds, warmup, callers, conversations, page);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void run(ManagedChannel channel, String target, int seconds, int warmup, int callers,
                            int conversationCount, int page) throws Exception {
        // 准备：每个会话两个新用户，单聊会话在首条消息时创建
        UserServiceGrpc.UserServiceBlockingStub users = UserServiceGrpc.newBlockingStub(channel);
        List<long[]> conversations = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < conversationCount; i++) {
            long a = createUser(users, "bench-" + run + "-" + i + "a");
            long b = createUser(users, "bench-" + run + "-" + i + "b");
            conversations.add(new long[]{Math.min(a, b), Math.max(a, b)});
        }
        System.out.printf("repo-app benchmark: target=%s callers=%d conversations=%d warmup=%ds measure=%ds page=%d%n",
                target, callers, conversationCount, warmup, seconds, page);

        MessageServiceGrpc.MessageServiceBlockingStub messages = MessageServiceGrpc.newBlockingStub(channel);
        AtomicLong counter = new AtomicLong();
        Phase save = i -> {
            long[] conv = conversations.get((int) (i % conversations.size()));
            long sender = (i & 1) == 0 ? conv[0] : conv[1];
            messages.withDeadlineAfter(5, TimeUnit.SECONDS).saveMessage(SaveMessageRequest.newBuilder()
                    .setConversationId("s_" + conv[0] + "_" + conv[1])
                    .setSenderId(sender)
                    .setType(MessageType.MESSAGE_TYPE_TEXT)
                    .setContent("benchmark message " + i + " " + "x".repeat(64))
                    .setClientMsgId(run + "-" + counter.incrementAndGet())
                    .build());
        };
        Result saved = measure("SaveMessage", save, callers, warmup, seconds);

        int pageSize = page;
        Phase history = i -> {
            long[] conv = conversations.get((int) (i % conversations.size()));
            // 随机起点向历史翻一页：覆盖最新页与中间页
            long before = ThreadLocalRandom.current().nextInt(4) == 0 ? 0 : 1 + ThreadLocalRandom.current().nextLong(
                    Math.max(1, saved.count / conversations.size()));
            messages.withDeadlineAfter(5, TimeUnit.SECONDS).getConversationMessages(GetConversationMessagesRequest.newBuilder()
                    .setConversationId("s_" + conv[0] + "_" + conv[1])
                    .setBeforeSeq(before)
                    .setLimit(pageSize)
                    .build());
        };
        measure("GetConversationMessages(" + page + ")", history, callers, warmup, seconds);
    }

    private static long createUser(UserServiceGrpc.UserServiceBlockingStub users, String name) {
        return users.withDeadlineAfter(10, TimeUnit.SECONDS).createUser(CreateUserRequest.newBuilder()
                .setUsername(name).setPassword("bench-password").build()).getUser().getId();
    }

    private static Result measure(String name, Phase phase, int callers, int warmupSeconds, int seconds) throws Exception {
        Recorder recorder = new Recorder(3);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong errors = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            futures.add(pool.submit(() -> {
                while (true) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        return null;
                    }
                    long start = System.nanoTime();
                    try {
                        phase.call(sequence.incrementAndGet());
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (start >= warmupEnd) {
                        recorder.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
                    }
                }
            }));
        }
        // 预热结束时丢弃已记录的数据
        TimeUnit.NANOSECONDS.sleep(Math.max(0, warmupEnd - System.nanoTime()));
        recorder.getIntervalHistogram();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdownNow();
        Histogram h = recorder.getIntervalHistogram();
        double throughput = h.getTotalCount() / (double) seconds;
        System.out.printf("%-28s ops=%d throughput=%.0f/s p50=%.2fms p99=%.2fms max=%.2fms errors=%d%n",
                name, h.getTotalCount(), throughput, h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, errors.get());
        return new Result(h.getTotalCount());
    }

    /** 一次被测调用。 */
    @FunctionalInterface
    private interface Phase {
        void call(long i);
    }

    /** 阶段结果：测量期内完成的调用数。 */
    private record Result(long count) {
    }
}
