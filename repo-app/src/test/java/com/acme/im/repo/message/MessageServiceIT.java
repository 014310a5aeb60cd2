package com.acme.im.repo.message;

import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.repo.v1.CheckMessageIdempotencyRequest;
import com.acme.im.proto.repo.v1.CreateGroupRequest;
import com.acme.im.proto.repo.v1.GroupServiceGrpc;
import com.acme.im.proto.repo.v1.GetConversationMessagesRequest;
import com.acme.im.proto.repo.v1.GetConversationMessagesResponse;
import com.acme.im.proto.repo.v1.GetMessageRequest;
import com.acme.im.proto.repo.v1.MaskMessageRequest;
import com.acme.im.proto.repo.v1.MessageServiceGrpc;
import com.acme.im.proto.repo.v1.SaveMessageRequest;
import com.acme.im.proto.repo.v1.SaveMessageResponse;
import com.acme.im.repo.GrpcTestChannel;
import com.acme.im.repo.TestData;
import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.runtime.limits.Limits;
import io.grpc.ManagedChannel;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 消息保存的幂等、分页的两个方向与边界、输入校验。
 */
@MicronautTest
class MessageServiceIT {

    @Inject
    @Named(GrpcTestChannel.NAME)
    ManagedChannel channel;

    private MessageServiceGrpc.MessageServiceBlockingStub stub() {
        return TestData.deadline(MessageServiceGrpc.newBlockingStub(channel));
    }

    private SaveMessageRequest request(String conv, long sender, String clientMsgId, String content) {
        return SaveMessageRequest.newBuilder().setConversationId(conv).setSenderId(sender)
                .setType(MessageType.MESSAGE_TYPE_TEXT).setContent(content).setClientMsgId(clientMsgId).build();
    }

    @Test
    void concurrentSavesOfOneClientMsgIdStoreExactlyOneMessage() throws Exception {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        String conv = ConversationId.single(a, b).value();
        String clientMsgId = TestData.unique("dup");
        int callers = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<SaveMessageResponse>> futures = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return stub().saveMessage(request(conv, a, clientMsgId, "hello"));
            }));
        }
        start.countDown();
        List<SaveMessageResponse> responses = new ArrayList<>();
        for (Future<SaveMessageResponse> f : futures) {
            responses.add(f.get());
        }
        pool.shutdownNow();

        assertEquals(1, responses.stream().filter(r -> !r.getDuplicate()).count(), "exactly one original save");
        assertEquals(1, responses.stream().map(r -> r.getMessage().getId()).distinct().count());
        assertEquals(1, responses.stream().map(r -> r.getMessage().getSeq()).distinct().count());
        GetConversationMessagesResponse page = stub().getConversationMessages(
                GetConversationMessagesRequest.newBuilder().setConversationId(conv).build());
        assertEquals(1, page.getMessagesCount(), "exactly one stored row");
        assertEquals(1, page.getMessages(0).getSeq());

        // 之后的新消息紧接着编号：重复请求没有消耗序列号
        long next = stub().saveMessage(request(conv, b, TestData.unique("c"), "second")).getMessage().getSeq();
        assertEquals(2, next);

        assertTrue(stub().checkMessageIdempotency(CheckMessageIdempotencyRequest.newBuilder()
                .setSenderId(a).setClientMsgId(clientMsgId).build()).getExists());
        assertFalse(stub().checkMessageIdempotency(CheckMessageIdempotencyRequest.newBuilder()
                .setSenderId(b).setClientMsgId(clientMsgId).build()).getExists());
    }

    @Test
    void pagesByBeforeSeqAndAfterSeqAtBothEnds() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        String conv = ConversationId.single(a, b).value();
        GetConversationMessagesResponse empty = page(conv, 0, -1, 0);
        assertEquals(0, empty.getMessagesCount());
        assertFalse(empty.getHasMore());
        assertEquals(0, page(conv, 0, 5, 10).getMessagesCount());

        for (int i = 1; i <= 120; i++) {
            assertEquals(i, stub().saveMessage(request(conv, i % 2 == 0 ? a : b, TestData.unique("m"), "m" + i))
                    .getMessage().getSeq());
        }
        GetConversationMessagesResponse latest = page(conv, 0, -1, 0);
        assertEquals(range(71, 120), seqs(latest));
        assertTrue(latest.getHasMore());
        GetConversationMessagesResponse older = page(conv, 71, -1, 50);
        assertEquals(range(21, 70), seqs(older));
        assertTrue(older.getHasMore());
        GetConversationMessagesResponse oldest = page(conv, 21, -1, 50);
        assertEquals(range(1, 20), seqs(oldest));
        assertFalse(oldest.getHasMore());
        assertEquals(0, page(conv, 1, -1, 50).getMessagesCount());

        GetConversationMessagesResponse catchUp = page(conv, 0, 20, 50);
        assertEquals(range(21, 70), seqs(catchUp));
        assertTrue(catchUp.getHasMore());
        GetConversationMessagesResponse tail = page(conv, 0, 100, 50);
        assertEquals(range(101, 120), seqs(tail));
        assertFalse(tail.getHasMore());
        GetConversationMessagesResponse beyond = page(conv, 0, 120, 50);
        assertEquals(0, beyond.getMessagesCount());
        assertFalse(beyond.getHasMore());
        assertEquals(range(71, 120), seqs(page(conv, 0, 70, 100)));
        // after_seq=0：从第一条开始（“我还什么都没有”），而不是最新一页
        assertEquals(range(1, 50), seqs(page(conv, 0, 0, 50)));
    }

    @Test
    void getAndMaskMessage() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        String conv = ConversationId.single(a, b).value();
        Message m = stub().saveMessage(request(conv, a, TestData.unique("m"), "bad word")).getMessage();
        assertEquals("bad word", stub().getMessage(GetMessageRequest.newBuilder().setMessageId(m.getId()).build())
                .getMessage().getContent());
        Message masked = stub().maskMessage(MaskMessageRequest.newBuilder().setMessageId(m.getId())
                .setMaskedContent("*** word").build()).getMessage();
        assertEquals("*** word", masked.getContent());
        assertEquals(m.getSeq(), masked.getSeq());
        assertEquals("*** word", page(conv, 0, 0, 0).getMessages(0).getContent());
        assertEquals(3000, TestData.errorCode(() -> stub().maskMessage(MaskMessageRequest.newBuilder()
                .setMessageId(Long.MAX_VALUE).setMaskedContent("x").build())));
    }

    @Test
    void badInputIsAnsweredWithErrorCodes() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        String conv = ConversationId.single(a, b).value();
        assertEquals(3000, TestData.errorCode(() -> stub().getMessage(
                GetMessageRequest.newBuilder().setMessageId(Long.MAX_VALUE).build())));
        assertEquals(1001, TestData.errorCode(() -> stub().getMessage(GetMessageRequest.newBuilder().build())));
        assertEquals(1001, TestData.errorCode(() -> stub().saveMessage(request("bogus", a, "x", "hi"))));
        assertEquals(1001, TestData.errorCode(() -> stub().saveMessage(request("s_" + b + "_" + a, a, "x", "hi"))));
        assertEquals(1001, TestData.errorCode(() -> stub().saveMessage(request(conv, a, "", "hi"))));
        assertEquals(3002, TestData.errorCode(() -> stub().saveMessage(request(conv, a, "x", ""))));
        assertEquals(3002, TestData.errorCode(() -> stub().saveMessage(request(conv, a, "x", "hi").toBuilder()
                .setType(MessageType.MESSAGE_TYPE_UNSPECIFIED).build())));
        assertEquals(3002, TestData.errorCode(() -> stub().saveMessage(request(conv, a, "x", "😀".repeat(Limits.MAX_CONTENT_CODE_POINTS + 1)))));
        assertEquals(3002, TestData.errorCode(() -> stub().saveMessage(request(conv, a, "x", "hi").toBuilder()
                .setType(MessageType.MESSAGE_TYPE_SYSTEM).build())), "system messages are not client messages");
        assertEquals(1001, TestData.errorCode(() -> stub().saveMessage(request(conv, a, "x".repeat(Limits.MAX_CLIENT_MSG_ID + 1), "hi"))));
        assertEquals(1003, TestData.errorCode(() -> stub().saveMessage(request(conv, Long.MAX_VALUE - 1, "x", "hi"))));
        long stranger = Long.MAX_VALUE - 7;
        assertEquals(2000, TestData.errorCode(() -> stub().saveMessage(
                request(ConversationId.single(a, stranger).value(), a, TestData.unique("x"), "hi"))));
        assertEquals(4000, TestData.errorCode(() -> stub().saveMessage(
                request("g_" + (Long.MAX_VALUE - 3), a, TestData.unique("x"), "hi"))));
        assertEquals(1001, TestData.errorCode(() -> page(conv, 5, 5, 10)));
        assertEquals(1001, TestData.errorCode(() -> page(conv, 0, 0, 101)));
        assertEquals(1001, TestData.errorCode(() -> page(conv, -1, 0, 10)));
    }

    @Test
    void aGivenReaderMustBeAbleToReadTheConversation() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        long stranger = TestData.newUser(channel);
        String single = ConversationId.single(a, b).value();
        stub().saveMessage(request(single, a, TestData.unique("r"), "for b"));
        assertEquals("for b", read(b, single).getMessages(0).getContent());
        assertEquals(1003, TestData.errorCode(() -> read(stranger, single)));

        String group = "g_" + TestData.deadline(GroupServiceGrpc.newBlockingStub(channel)).createGroup(
                CreateGroupRequest.newBuilder().setName("readers").setOwnerId(a).addMemberIds(b).build()).getGroup().getId();
        stub().saveMessage(request(group, a, TestData.unique("r"), "for members"));
        assertEquals("for members", read(b, group).getMessages(0).getContent());
        assertEquals(4001, TestData.errorCode(() -> read(stranger, group)));
        assertEquals(4000, TestData.errorCode(() -> read(stranger, "g_" + (Long.MAX_VALUE - 3))));
        // 不给 reader_id 的内部调用不做检查
        assertEquals(1, page(group, 0, -1, 0).getMessagesCount());
    }

    private GetConversationMessagesResponse read(long reader, String conv) {
        return stub().getConversationMessages(GetConversationMessagesRequest.newBuilder()
                .setReaderId(reader).setConversationId(conv).build());
    }

    /** after 为负数表示不给出 after_seq。 */
    private GetConversationMessagesResponse page(String conv, long before, long after, int limit) {
        GetConversationMessagesRequest.Builder r = GetConversationMessagesRequest.newBuilder().setConversationId(conv)
                .setBeforeSeq(before).setLimit(limit);
        if (after >= 0) {
            r.setAfterSeq(after);
        }
        return stub().getConversationMessages(r.build());
    }

    private static List<Long> seqs(GetConversationMessagesResponse r) {
        return r.getMessagesList().stream().map(Message::getSeq).collect(Collectors.toList());
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
    }

}
