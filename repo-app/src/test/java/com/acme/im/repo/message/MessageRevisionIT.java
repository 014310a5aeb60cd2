package com.acme.im.repo.message;

import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.repo.v1.AuditHit;
import com.acme.im.proto.repo.v1.AuditServiceGrpc;
import com.acme.im.proto.repo.v1.EditMessageRequest;
import com.acme.im.proto.repo.v1.GetConversationMessagesRequest;
import com.acme.im.proto.repo.v1.GetMessageRequest;
import com.acme.im.proto.repo.v1.ListAuditHitsRequest;
import com.acme.im.proto.repo.v1.MaskMessageRequest;
import com.acme.im.proto.repo.v1.MessageServiceGrpc;
import com.acme.im.proto.repo.v1.RecallMessageRequest;
import com.acme.im.proto.repo.v1.RecordAuditHitRequest;
import com.acme.im.proto.repo.v1.SaveMessageRequest;
import com.acme.im.proto.repo.v1.SaveMessageResult;
import com.acme.im.proto.repo.v1.SaveMessagesRequest;
import com.acme.im.repo.GrpcTestChannel;
import com.acme.im.repo.TestData;
import com.acme.im.runtime.conversation.ConversationId;
import io.grpc.ManagedChannel;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 撤回、编辑与回复的存储：墓碑与修订记录、已撤回不可再改、审核记录不受撤回影响、
 * 过期的审核遮蔽不覆盖新内容、reply_to 必须是同一会话的消息（单条与批量保存）。
 */
@MicronautTest
class MessageRevisionIT {

    @Inject
    @Named(GrpcTestChannel.NAME)
    ManagedChannel channel;

    @Inject
    MessageService service;

    private MessageServiceGrpc.MessageServiceBlockingStub stub() {
        return TestData.deadline(MessageServiceGrpc.newBlockingStub(channel));
    }

    private SaveMessageRequest.Builder request(String conv, long sender, String content) {
        return SaveMessageRequest.newBuilder().setConversationId(conv).setSenderId(sender)
                .setType(MessageType.MESSAGE_TYPE_TEXT).setContent(content).setClientMsgId(TestData.unique("rv"));
    }

    private Message history(String conv, long id) {
        return stub().getConversationMessages(GetConversationMessagesRequest.newBuilder().setConversationId(conv).build())
                .getMessagesList().stream().filter(m -> m.getId() == id).findFirst().orElseThrow();
    }

    @Test
    void recallLeavesATombstoneAndKeepsTheOriginalForAudit() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        String conv = ConversationId.single(a, b).value();
        Message m = stub().saveMessage(request(conv, a, "secret plan").build()).getMessage();
        AuditServiceGrpc.AuditServiceBlockingStub audits = TestData.deadline(AuditServiceGrpc.newBlockingStub(channel));
        audits.recordAuditHit(RecordAuditHitRequest.newBuilder().setHit(AuditHit.newBuilder().setMessageId(m.getId())
                .setConversationId(conv).setSenderId(a).addWords("secret").setAction("flag")).build());

        Message tomb = stub().recallMessage(RecallMessageRequest.newBuilder().setMessageId(m.getId())
                .setConversationId(conv).setActorId(a).build()).getMessage();
        assertTrue(tomb.getRecalled());
        assertEquals("", tomb.getContent());
        assertEquals(a, tomb.getRecalledBy());
        assertTrue(tomb.getRecalledAt() > 0);
        Message stored = history(conv, m.getId());
        assertTrue(stored.getRecalled(), stored.toString());
        assertEquals("", stored.getContent());
        assertEquals(m.getSeq(), stored.getSeq());

        // 原文只在修订记录里；审核命中记录保留
        List<MessageRepository.Revision> revisions = service.revisions(m.getId());
        assertEquals(1, revisions.size());
        assertEquals("recall", revisions.get(0).action());
        assertEquals("secret plan", revisions.get(0).oldContent());
        assertEquals(1, audits.listAuditHits(ListAuditHitsRequest.newBuilder().setConversationId(conv).build()).getHitsCount());

        // 已撤回：不能再撤回、不能编辑；遮蔽不会复活内容
        RecallMessageRequest again = RecallMessageRequest.newBuilder().setMessageId(m.getId()).setConversationId(conv).setActorId(a).build();
        assertEquals(3005, TestData.errorCode(() -> stub().recallMessage(again)));
        assertEquals(3005, TestData.errorCode(() -> stub().editMessage(EditMessageRequest.newBuilder().setMessageId(m.getId())
                .setConversationId(conv).setActorId(a).setContent("revived").build())));
        stub().maskMessage(MaskMessageRequest.newBuilder().setMessageId(m.getId()).setMaskedContent("****** plan").build());
        assertEquals("", history(conv, m.getId()).getContent());
    }

    @Test
    void unknownMessageOrWrongConversationIsNotFound() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        long c = TestData.newUser(channel);
        String conv = ConversationId.single(a, b).value();
        String other = ConversationId.single(a, c).value();
        Message m = stub().saveMessage(request(conv, a, "hello").build()).getMessage();
        assertEquals(3000, TestData.errorCode(() -> stub().recallMessage(RecallMessageRequest.newBuilder()
                .setMessageId(m.getId()).setConversationId(other).setActorId(a).build())));
        assertEquals(3000, TestData.errorCode(() -> stub().recallMessage(RecallMessageRequest.newBuilder()
                .setMessageId(Long.MAX_VALUE).setConversationId(conv).setActorId(a).build())));
        assertEquals(3000, TestData.errorCode(() -> stub().editMessage(EditMessageRequest.newBuilder()
                .setMessageId(m.getId()).setConversationId(other).setActorId(a).setContent("x").build())));
        assertEquals(3002, TestData.errorCode(() -> stub().editMessage(EditMessageRequest.newBuilder()
                .setMessageId(m.getId()).setConversationId(conv).setActorId(a).setContent(" ").build())));
        assertEquals("hello", history(conv, m.getId()).getContent());
    }

    @Test
    void editReplacesContentAndAStaleMaskDoesNotOverwriteIt() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        String conv = ConversationId.single(a, b).value();
        Message m = stub().saveMessage(request(conv, a, "first badword").build()).getMessage();
        Message edited = stub().editMessage(EditMessageRequest.newBuilder().setMessageId(m.getId())
                .setConversationId(conv).setActorId(a).setContent("second text").build()).getMessage();
        assertEquals("second text", edited.getContent());
        assertTrue(edited.getEditedAt() > 0);
        Message edited2 = stub().editMessage(EditMessageRequest.newBuilder().setMessageId(m.getId())
                .setConversationId(conv).setActorId(a).setContent("third text").build()).getMessage();
        assertTrue(edited2.getEditedAt() > edited.getEditedAt(), "edited_at strictly increases");
        Message stored = history(conv, m.getId());
        assertEquals("third text", stored.getContent());
        assertEquals(edited2.getEditedAt(), stored.getEditedAt());
        assertFalse(stored.getRecalled());

        // 对原版本的审核结果到得晚：不覆盖新内容
        Message stale = stub().maskMessage(MaskMessageRequest.newBuilder().setMessageId(m.getId())
                .setMaskedContent("first *******").build()).getMessage();
        assertEquals("third text", stale.getContent());
        // 对当前版本的遮蔽生效
        Message masked = stub().maskMessage(MaskMessageRequest.newBuilder().setMessageId(m.getId())
                .setMaskedContent("third ****").setExpectedEditedAt(edited2.getEditedAt()).build()).getMessage();
        assertEquals("third ****", masked.getContent());
        assertEquals(List.of("first badword", "second text"),
                service.revisions(m.getId()).stream().map(MessageRepository.Revision::oldContent).toList());
    }

    @Test
    void replyMustPointAtAMessageOfTheSameConversation() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        long c = TestData.newUser(channel);
        String conv = ConversationId.single(a, b).value();
        String other = ConversationId.single(a, c).value();
        Message original = stub().saveMessage(request(conv, a, "question?").build()).getMessage();
        Message elsewhere = stub().saveMessage(request(other, a, "elsewhere").build()).getMessage();

        Message reply = stub().saveMessage(request(conv, b, "answer").setReplyTo(original.getId()).build()).getMessage();
        assertEquals(original.getId(), reply.getReplyTo());
        assertEquals(original.getId(), history(conv, reply.getId()).getReplyTo());
        assertEquals(original.getId(), stub().getMessage(GetMessageRequest.newBuilder().setMessageId(reply.getId()).build())
                .getMessage().getReplyTo());

        assertEquals(3006, TestData.errorCode(() -> stub().saveMessage(request(conv, b, "x").setReplyTo(elsewhere.getId()).build())));
        assertEquals(3006, TestData.errorCode(() -> stub().saveMessage(request(conv, b, "x").setReplyTo(Long.MAX_VALUE).build())));

        // 批量保存：坏的那条单独得到 3006，其余照常保存
        List<SaveMessageResult> results = stub().saveMessages(SaveMessagesRequest.newBuilder()
                .addMessages(request(conv, b, "ok reply").setReplyTo(original.getId()))
                .addMessages(request(conv, b, "bad reply").setReplyTo(elsewhere.getId()))
                .addMessages(request(conv, b, "plain"))
                .build()).getResultsList();
        assertEquals(0, results.get(0).getErrorCode());
        assertEquals(original.getId(), results.get(0).getMessage().getReplyTo());
        assertEquals(3006, results.get(1).getErrorCode());
        assertEquals(0, results.get(2).getErrorCode());
        assertEquals(results.get(0).getMessage().getSeq() + 1, results.get(2).getMessage().getSeq(), "no seq gap");
    }
}
