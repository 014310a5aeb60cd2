package com.acme.im.repo.message;

import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.repo.v1.GetConversationMessagesRequest;
import com.acme.im.proto.repo.v1.MessageServiceGrpc;
import com.acme.im.proto.repo.v1.MessageSource;
import com.acme.im.proto.repo.v1.SaveMessageRequest;
import com.acme.im.proto.repo.v1.SaveMessageResult;
import com.acme.im.proto.repo.v1.SaveMessagesRequest;
import com.acme.im.proto.repo.v1.SaveMessagesResponse;
import com.acme.im.repo.GrpcTestChannel;
import com.acme.im.repo.TestData;
import com.acme.im.repo.contact.ContactService;
import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.runtime.error.ErrorCode;
import io.grpc.ManagedChannel;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 批量保存：多会话混合的一批按顺序分配连续 seq、逐条幂等（库内已有、批内重复、并发批次）、
 * 逐条错误不影响同批其他消息、首条消息自动建会话、来源被记录并在重复时返回。
 */
@MicronautTest
class MessageBatchIT {

    @Inject
    @Named(GrpcTestChannel.NAME)
    ManagedChannel channel;

    @Inject
    ContactService contacts;

    private MessageServiceGrpc.MessageServiceBlockingStub stub() {
        return TestData.deadline(MessageServiceGrpc.newBlockingStub(channel));
    }

    private static SaveMessageRequest msg(String conv, long sender, String clientMsgId, long offset) {
        return SaveMessageRequest.newBuilder().setConversationId(conv).setSenderId(sender)
                .setType(MessageType.MESSAGE_TYPE_TEXT).setContent("m " + clientMsgId).setClientMsgId(clientMsgId)
                .setSource(MessageSource.newBuilder().setPartition(3).setOffset(offset)).build();
    }

    private List<Message> history(String conv) {
        return stub().getConversationMessages(GetConversationMessagesRequest.newBuilder()
                .setConversationId(conv).setLimit(100).build()).getMessagesList();
    }

    @Test
    void mixedBatchGetsConsecutiveSeqPerConversationInListOrder() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        long c = TestData.newUser(channel);
        String ab = ConversationId.single(a, b).value();
        String ac = ConversationId.single(a, c).value();
        String p = TestData.unique("mix");
        SaveMessagesRequest.Builder request = SaveMessagesRequest.newBuilder();
        for (int i = 0; i < 10; i++) {
            request.addMessages(msg(i % 2 == 0 ? ab : ac, i % 3 == 0 ? a : (i % 2 == 0 ? b : c), p + i, 100 + i));
        }
        SaveMessagesResponse response = stub().saveMessages(request.build());

        assertEquals(10, response.getResultsCount());
        List<Long> abSeqs = new ArrayList<>();
        List<Long> acSeqs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            SaveMessageResult r = response.getResults(i);
            assertEquals(0, r.getErrorCode(), r.getErrorMessage());
            assertFalse(r.getDuplicate());
            assertEquals(p + i, r.getMessage().getClientMsgId());
            (i % 2 == 0 ? abSeqs : acSeqs).add(r.getMessage().getSeq());
        }
        assertEquals(LongStream.rangeClosed(1, 5).boxed().toList(), abSeqs);
        assertEquals(LongStream.rangeClosed(1, 5).boxed().toList(), acSeqs);
        List<Message> stored = history(ab);
        assertEquals(abSeqs, stored.stream().map(Message::getSeq).toList());
        assertEquals(List.of(p + 0, p + 2, p + 4, p + 6, p + 8), stored.stream().map(Message::getClientMsgId).toList());
    }

    @Test
    void duplicatesInTheDatabaseAndInTheBatchAreStoredOnceAndCarryTheOriginalSource() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        String conv = ConversationId.single(a, b).value();
        String p = TestData.unique("dup");
        SaveMessageResult first = stub().saveMessages(SaveMessagesRequest.newBuilder().addMessages(msg(conv, a, p + "x", 7)).build())
                .getResults(0);
        SaveMessagesResponse again = stub().saveMessages(SaveMessagesRequest.newBuilder()
                .addMessages(msg(conv, a, p + "x", 50))
                .addMessages(msg(conv, a, p + "y", 51))
                .addMessages(msg(conv, a, p + "y", 52))
                .build());

        SaveMessageResult resent = again.getResults(0);
        assertTrue(resent.getDuplicate());
        assertEquals(first.getMessage().getId(), resent.getMessage().getId());
        assertEquals(7, resent.getSource().getOffset(), "the original record's offset is returned");
        assertEquals(3, resent.getSource().getPartition());
        assertFalse(again.getResults(1).getDuplicate());
        assertTrue(again.getResults(2).getDuplicate());
        assertEquals(again.getResults(1).getMessage().getId(), again.getResults(2).getMessage().getId());
        assertEquals(List.of(1L, 2L), history(conv).stream().map(Message::getSeq).toList(), "stored once each, no gap");
    }

    @Test
    void aBlockedSendersOneToOneMessagesAreRefusedAndFriendsOnlyRefusesStrangers() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        long c = TestData.newUser(channel);
        String ab = ConversationId.single(a, b).value();
        String cb = ConversationId.single(c, b).value();
        String p = TestData.unique("blk");
        SaveMessageRequest before = msg(ab, a, p + 0, 0);
        assertEquals(0, stub().saveMessages(SaveMessagesRequest.newBuilder().addMessages(before).build())
                .getResults(0).getErrorCode());
        contacts.block(b, a);

        SaveMessagesResponse r = stub().saveMessages(SaveMessagesRequest.newBuilder()
                .addMessages(before)
                .addMessages(msg(ab, a, p + 1, 1))
                .addMessages(msg(cb, c, p + 2, 2))
                .addMessages(msg(ab, b, p + 3, 3))
                .build());
        // 拉黑之后：已保存消息的重发与新消息都被拒；别人照常；拉黑的一方仍可发给对方
        assertEquals(ErrorCode.BLOCKED.code(), r.getResults(0).getErrorCode());
        assertEquals(ErrorCode.BLOCKED.code(), r.getResults(1).getErrorCode());
        assertEquals(0, r.getResults(2).getErrorCode());
        assertEquals(0, r.getResults(3).getErrorCode());
        assertEquals(List.of(p + 0, p + 3), history(ab).stream().map(Message::getClientMsgId).toList());

        // 仅好友：c 与 b 不是好友
        SaveMessagesResponse strangers = stub().saveMessages(SaveMessagesRequest.newBuilder().setFriendsOnly(true)
                .addMessages(msg(cb, c, p + 4, 4)).build());
        assertEquals(ErrorCode.NOT_FRIENDS.code(), strangers.getResults(0).getErrorCode());
        assertEquals(List.of(p + 2), history(cb).stream().map(Message::getClientMsgId).toList());
    }

    @Test
    void oneBadMessageGetsItsOwnErrorAndTheOthersAreSaved() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        long stranger = TestData.newUser(channel);
        String conv = ConversationId.single(a, b).value();
        String p = TestData.unique("bad");
        SaveMessagesResponse response = stub().saveMessages(SaveMessagesRequest.newBuilder()
                .addMessages(msg(conv, a, p + 1, 1))
                .addMessages(msg(conv, a, p + 2, 2).toBuilder().setContent("").build())
                .addMessages(msg(conv, stranger, p + 3, 3))
                .addMessages(msg(ConversationId.single(a, 999_999_999L).value(), a, p + 4, 4))
                .addMessages(msg(conv, b, p + 5, 5))
                .build());

        assertEquals(0, response.getResults(0).getErrorCode());
        assertEquals(ErrorCode.INVALID_MESSAGE.code(), response.getResults(1).getErrorCode());
        assertEquals(ErrorCode.FORBIDDEN.code(), response.getResults(2).getErrorCode());
        assertEquals(ErrorCode.USER_NOT_FOUND.code(), response.getResults(3).getErrorCode());
        assertEquals(0, response.getResults(4).getErrorCode());
        assertEquals(List.of(1L, 2L), history(conv).stream().map(Message::getSeq).toList());
    }

    @Test
    void concurrentBatchesOnOneConversationNeverRepeatOrSkipASeq() throws Exception {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        String conv = ConversationId.single(a, b).value();
        String p = TestData.unique("conc");
        int callers = 8;
        int perBatch = 25;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<SaveMessagesResponse>> futures = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            int caller = t;
            futures.add(pool.submit(() -> {
                SaveMessagesRequest.Builder r = SaveMessagesRequest.newBuilder();
                for (int i = 0; i < perBatch; i++) {
                    // 每个批次都重发上一个调用者的一半消息：并发批次之间也有重复
                    int owner = i % 2 == 0 ? caller : (caller + 1) % callers;
                    r.addMessages(msg(conv, a, p + owner + "-" + i, i));
                }
                start.await();
                return stub().saveMessages(r.build());
            }));
        }
        start.countDown();
        Set<Long> seqs = new HashSet<>();
        for (Future<SaveMessagesResponse> f : futures) {
            for (SaveMessageResult r : f.get().getResultsList()) {
                assertEquals(0, r.getErrorCode(), r.getErrorMessage());
                seqs.add(r.getMessage().getSeq());
            }
        }
        pool.shutdownNow();
        int distinct = callers * perBatch;
        List<Long> stored = new ArrayList<>();
        long before = Long.MAX_VALUE;
        while (true) {
            List<Message> page = stub().getConversationMessages(GetConversationMessagesRequest.newBuilder()
                    .setConversationId(conv).setBeforeSeq(before).setLimit(100).build()).getMessagesList();
            if (page.isEmpty()) {
                break;
            }
            stored.addAll(0, page.stream().map(Message::getSeq).toList());
            before = page.get(0).getSeq();
        }
        assertEquals(LongStream.rangeClosed(1, distinct).boxed().toList(), stored, "every message once, seq 1..n without gaps");
        assertEquals(distinct, seqs.size());
    }

    @Test
    void afterSeqZeroSyncsFromTheFirstMessageAcrossAGapLargerThanOnePage() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        String conv = ConversationId.single(a, b).value();
        String p = TestData.unique("gap");
        SaveMessagesRequest.Builder request = SaveMessagesRequest.newBuilder();
        for (int i = 0; i < 130; i++) {
            request.addMessages(msg(conv, a, p + i, i));
        }
        stub().saveMessages(request.build());

        List<Long> synced = new ArrayList<>();
        long after = 0;
        boolean more = true;
        while (more) {
            var page = stub().getConversationMessages(GetConversationMessagesRequest.newBuilder()
                    .setConversationId(conv).setAfterSeq(after).setLimit(50).build());
            page.getMessagesList().forEach(m -> synced.add(m.getSeq()));
            more = page.getHasMore();
            after = synced.get(synced.size() - 1);
        }
        assertEquals(LongStream.rangeClosed(1, 130).boxed().toList(), synced);
        var newest = stub().getConversationMessages(GetConversationMessagesRequest.newBuilder()
                .setConversationId(conv).setLimit(50).build());
        assertEquals(81, newest.getMessages(0).getSeq(), "without after_seq the newest page is returned");
    }
}
