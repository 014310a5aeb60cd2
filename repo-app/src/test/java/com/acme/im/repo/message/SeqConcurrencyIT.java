package com.acme.im.repo.message;

import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.repo.v1.GenerateSeqRequest;
import com.acme.im.proto.repo.v1.MessageServiceGrpc;
import com.acme.im.proto.repo.v1.SaveMessageRequest;
import com.acme.im.repo.GrpcTestChannel;
import com.acme.im.repo.TestData;
import com.acme.im.runtime.conversation.ConversationId;
import io.grpc.ManagedChannel;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 序列号在并发与 Redis 丢数据时的正确性：16 个调用方各 1000 次，值全部不同且各自严格递增；
 * 中途清空 Redis（FLUSHDB 本测试库，模拟 Redis 重启丢数据）也不会出现重复值。
 */
@MicronautTest
class SeqConcurrencyIT {

    private static final int CALLERS = 16;
    private static final int PER_CALLER = 1000;

    @Inject
    @Named(GrpcTestChannel.NAME)
    ManagedChannel channel;

    @Inject
    StatefulRedisConnection<String, String> redis;

    @Test
    void sixteenCallersGetDistinctIncreasingSeqs() throws Exception {
        String conv = newConversation();
        List<List<Long>> perCaller = run(conv, () -> { });
        assertAllDistinctAndIncreasing(perCaller);
        Set<Long> all = flatten(perCaller);
        // 计数器只在数据库中推进且没有回滚，因此恰好是 1..16000
        assertEquals(1L, all.stream().mapToLong(Long::longValue).min().orElseThrow());
        assertEquals((long) CALLERS * PER_CALLER, all.stream().mapToLong(Long::longValue).max().orElseThrow());
    }

    @Test
    void redisLosingItsDataMidRunNeverRepeatsASeq() throws Exception {
        String conv = newConversation();
        AtomicInteger issued = new AtomicInteger();
        AtomicBoolean flushed = new AtomicBoolean();
        List<List<Long>> perCaller = run(conv, () -> {
            if (issued.incrementAndGet() >= CALLERS * PER_CALLER / 2 && flushed.compareAndSet(false, true)) {
                redis.sync().flushdb();
            }
        });
        assertTrue(flushed.get());
        assertAllDistinctAndIncreasing(perCaller);
        long max = flatten(perCaller).stream().mapToLong(Long::longValue).max().orElseThrow();

        // 丢数据之后保存的消息继续在数据库最大值之上编号
        redis.sync().flushdb();
        ConversationId id = ConversationId.parse(conv);
        long seq = TestData.deadline(MessageServiceGrpc.newBlockingStub(channel)).saveMessage(SaveMessageRequest.newBuilder()
                .setConversationId(conv).setSenderId(id.smallUser()).setType(MessageType.MESSAGE_TYPE_TEXT)
                .setContent("after flush").setClientMsgId(TestData.unique("c")).build()).getMessage().getSeq();
        assertEquals(max + 1, seq);
    }

    private String newConversation() {
        return ConversationId.single(TestData.newUser(channel), TestData.newUser(channel)).value();
    }

    private List<List<Long>> run(String conv, Runnable afterEach) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < CALLERS; t++) {
                futures.add(pool.submit(() -> {
                    MessageServiceGrpc.MessageServiceBlockingStub stub = MessageServiceGrpc.newBlockingStub(channel);
                    List<Long> got = new ArrayList<>(PER_CALLER);
                    for (int i = 0; i < PER_CALLER; i++) {
                        got.add(TestData.deadline(stub).generateSeq(
                                GenerateSeqRequest.newBuilder().setConversationId(conv).build()).getSeq());
                        afterEach.run();
                    }
                    return got;
                }));
            }
            List<List<Long>> out = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertAllDistinctAndIncreasing(List<List<Long>> perCaller) {
        for (List<Long> seqs : perCaller) {
            for (int i = 1; i < seqs.size(); i++) {
                assertTrue(seqs.get(i) > seqs.get(i - 1), "each caller sees strictly increasing seqs");
            }
        }
        assertEquals(CALLERS * PER_CALLER, flatten(perCaller).size(), "no seq was handed out twice");
    }

    private static Set<Long> flatten(List<List<Long>> perCaller) {
        Set<Long> all = new HashSet<>();
        perCaller.forEach(all::addAll);
        return all;
    }
}
