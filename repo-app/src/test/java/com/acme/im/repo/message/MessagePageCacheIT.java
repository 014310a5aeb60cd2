package com.acme.im.repo.message;

import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.repo.v1.EditMessageRequest;
import com.acme.im.proto.repo.v1.GetConversationMessagesRequest;
import com.acme.im.proto.repo.v1.MaskMessageRequest;
import com.acme.im.proto.repo.v1.MessageServiceGrpc;
import com.acme.im.proto.repo.v1.RecallMessageRequest;
import com.acme.im.proto.repo.v1.SaveMessageRequest;
import com.acme.im.repo.GrpcTestChannel;
import com.acme.im.repo.TestData;
import com.acme.im.repo.conversation.ConversationVersionStore;
import com.acme.im.runtime.conversation.ConversationId;
import io.grpc.ManagedChannel;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 最新一页历史的缓存：重复读取命中，新消息、撤回、编辑、遮蔽与版本键被清空之后的下一次读取都是新内容；
 * 向前翻页与断线补拉不受影响。
 */
@MicronautTest
class MessagePageCacheIT {

    @Inject
    @Named(GrpcTestChannel.NAME)
    ManagedChannel channel;

    @Inject
    MeterRegistry meters;

    @Inject
    StatefulRedisConnection<String, String> redis;

    private MessageServiceGrpc.MessageServiceBlockingStub stub() {
        return TestData.deadline(MessageServiceGrpc.newBlockingStub(channel));
    }

    private Message send(String conv, long sender, String text) {
        return stub().saveMessage(SaveMessageRequest.newBuilder().setConversationId(conv).setSenderId(sender)
                .setType(MessageType.MESSAGE_TYPE_TEXT).setContent(text).setClientMsgId(TestData.unique("h")).build()).getMessage();
    }

    private List<Message> newest(long reader, String conv) {
        return stub().getConversationMessages(GetConversationMessagesRequest.newBuilder().setReaderId(reader)
                .setConversationId(conv).setLimit(3).build()).getMessagesList();
    }

    private static String lastContent(List<Message> page) {
        return page.get(page.size() - 1).getContent();
    }

    private double hits() {
        return meters.counter("im.repo.history_page_cache", "result", "hit").count();
    }

    @Test
    void repeatedReadsHitAndEveryChangeIsSeenOnTheNextRead() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        String ab = ConversationId.single(a, b).value();
        send(ab, a, "one");
        send(ab, b, "two");
        assertEquals("two", lastContent(newest(a, ab)));
        double before = hits();
        assertEquals("two", lastContent(newest(b, ab)), "every reader shares the page");
        assertTrue(hits() > before);

        Message three = send(ab, a, "three");
        assertEquals(List.of("one", "two", "three"), newest(b, ab).stream().map(Message::getContent).toList());

        stub().editMessage(EditMessageRequest.newBuilder().setMessageId(three.getId()).setConversationId(ab)
                .setActorId(a).setContent("three, edited").build());
        assertEquals("three, edited", lastContent(newest(b, ab)));

        stub().maskMessage(MaskMessageRequest.newBuilder().setMessageId(three.getId()).setMaskedContent("***")
                .setExpectedEditedAt(newest(b, ab).get(2).getEditedAt()).build());
        assertEquals("***", lastContent(newest(b, ab)));

        stub().recallMessage(RecallMessageRequest.newBuilder().setMessageId(three.getId()).setConversationId(ab)
                .setActorId(a).build());
        assertTrue(newest(b, ab).get(2).getRecalledAt() > 0);

        redis.sync().del(ConversationVersionStore.historyKey(ab));
        send(ab, b, "four");
        assertEquals("four", lastContent(newest(a, ab)));
        // 向前翻页不走缓存，结果照旧
        List<Message> older = stub().getConversationMessages(GetConversationMessagesRequest.newBuilder().setReaderId(a)
                .setConversationId(ab).setBeforeSeq(3).setLimit(3).build()).getMessagesList();
        assertEquals(List.of("one", "two"), older.stream().map(Message::getContent).toList());
    }
}
