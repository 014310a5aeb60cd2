package com.acme.im.logic.revision;

import com.acme.im.logic.support.DownstreamProbe;
import com.acme.im.logic.support.LogicItSupport;
import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.IndexTask;
import com.acme.im.proto.event.v1.MessageAckEvent;
import com.acme.im.proto.event.v1.TaskMessage;
import com.acme.im.proto.logic.v1.EditMessageRequest;
import com.acme.im.proto.logic.v1.GetMessagesRequest;
import com.acme.im.proto.logic.v1.MessageServiceGrpc;
import com.acme.im.proto.logic.v1.RecallMessageRequest;
import com.acme.im.proto.logic.v1.RelayTypingRequest;
import com.acme.im.runtime.kafka.Topics;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * logic 的撤回、编辑、回复与正在输入，经真实 Kafka 与 repo-app：下行通知的目标（含操作者的全部连接、
 * 正在输入不回给本人）、索引与审核任务（幂等键按变更区分）、错误码。
 */
@MicronautTest
class RevisionFlowIT extends LogicItSupport {

    private String gwA;
    private String gwB;
    private long alice;
    private long bob;
    private long carol;
    private DownstreamProbe probe;

    @BeforeAll
    void users() {
        gwA = "rv-a-" + run;
        gwB = "rv-b-" + run;
        alice = register("ralice").getUser().getId();
        bob = register("rbob").getUser().getId();
        carol = register("rcarol").getUser().getId();
        // alice 在两个网关各有一个连接，bob 在 B，carol（外人）在 A
        connect(alice, gwA, "a1");
        connect(alice, gwB, "a2");
        connect(bob, gwB, "b1");
        connect(carol, gwA, "c1");
        probe = DownstreamProbe.listen(List.of(Topics.downstream(gwA), Topics.downstream(gwB),
                Topics.task("index"), Topics.task("audit")));
    }

    @AfterAll
    void closeProbe() {
        probe.close();
    }

    private MessageServiceGrpc.MessageServiceBlockingStub messages() {
        return MessageServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private MessageAckEvent send(long user, String gateway, String connection, String conv, String clientMsgId,
                                 String content, long replyTo) {
        sendUpstream(text(user, gateway, connection, conv, clientMsgId, content).toBuilder().setReplyTo(replyTo).build());
        return probe.awaitDelivery(Topics.downstream(gateway),
                d -> d.hasMessageAck() && d.getMessageAck().getClientMsgId().equals(clientMsgId)).getMessageAck();
    }

    @Test
    void replyIsStoredAndDeliveredAndAForeignTargetIsRefused() {
        String conv = single(alice, bob);
        MessageAckEvent question = send(alice, gwA, "a1", conv, "q-" + run, "question", 0);
        MessageAckEvent answer = send(bob, gwB, "b1", conv, "ans-" + run, "answer", question.getMessageId());
        assertEquals(0, answer.getErrorCode());
        DownstreamDelivery live = probe.awaitDelivery(Topics.downstream(gwA),
                d -> d.hasNewMessage() && d.getNewMessage().getMessage().getId() == answer.getMessageId());
        assertEquals(question.getMessageId(), live.getNewMessage().getMessage().getReplyTo());

        MessageAckEvent foreign = send(carol, gwA, "c1", single(alice, carol), "fq-" + run, "elsewhere", 0);
        MessageAckEvent bad = send(bob, gwB, "b1", conv, "bad-" + run, "quote", foreign.getMessageId());
        assertEquals(3006, bad.getErrorCode());
        assertEquals(0, bad.getMessageId());
    }

    @Test
    void recallNotifiesEveryConnectionAndDeletesFromTheIndex() {
        String conv = single(alice, bob);
        MessageAckEvent sent = send(alice, gwA, "a1", conv, "rc-" + run, "take it back", 0);
        long id = sent.getMessageId();

        assertEquals(1003, errorCodeOf(() -> messages().recallMessage(RecallMessageRequest.newBuilder()
                .setUserId(carol).setConversationId(conv).setMessageId(id).build())));
        assertEquals(3003, errorCodeOf(() -> messages().recallMessage(RecallMessageRequest.newBuilder()
                .setUserId(bob).setConversationId(conv).setMessageId(id).build())));
        assertEquals(3000, errorCodeOf(() -> messages().recallMessage(RecallMessageRequest.newBuilder()
                .setUserId(alice).setConversationId(single(alice, carol)).setMessageId(id).build())));

        Message tomb = messages().recallMessage(RecallMessageRequest.newBuilder()
                .setUserId(alice).setConversationId(conv).setMessageId(id).build()).getMessage();
        assertTrue(tomb.getRecalled());
        assertEquals("", tomb.getContent());

        // 撤回者的全部连接（不排除任何一条）与对方都收到
        DownstreamDelivery onB = probe.awaitDelivery(Topics.downstream(gwB),
                d -> d.hasMessageRecalled() && d.getMessageRecalled().getMessageId() == id);
        assertEquals(Map.of(alice, "", bob, ""), DownstreamProbe.excludes(onB));
        assertTrue(onB.getTargetsList().stream().allMatch(t -> t.getConnectionId().isEmpty()));
        DownstreamDelivery onA = probe.awaitDelivery(Topics.downstream(gwA),
                d -> d.hasMessageRecalled() && d.getMessageRecalled().getMessageId() == id);
        assertEquals(Map.of(alice, ""), DownstreamProbe.excludes(onA));
        assertEquals(alice, onA.getMessageRecalled().getRecalledBy());

        TaskMessage index = probe.awaitTask(Topics.task("index"), t -> t.getTaskId().equals("index:" + id + ":recall"));
        assertEquals(IndexTask.Action.ACTION_DELETE, index.getIndex().getAction());
        assertEquals("", index.getIndex().getMessage().getContent(), "the task carries no original text");

        Message stored = conversations().getMessages(GetMessagesRequest.newBuilder().setUserId(bob).setConversationId(conv)
                .setLimit(50).build()).getMessagesList().stream().filter(m -> m.getId() == id).findFirst().orElseThrow();
        assertTrue(stored.getRecalled());
        // 撤回者重试：同一个墓碑，删索引任务补发一次；别人再撤回 3005
        Message again = messages().recallMessage(RecallMessageRequest.newBuilder()
                .setUserId(alice).setConversationId(conv).setMessageId(id).build()).getMessage();
        assertEquals(stored.getRecalledAt(), again.getRecalledAt());
        await().atMost(Duration.ofSeconds(30)).until(() -> probe.tasks(Topics.task("index")).stream()
                .filter(t -> t.getTaskId().equals("index:" + id + ":recall")).count() == 2);
        assertEquals(3005, errorCodeOf(() -> messages().recallMessage(RecallMessageRequest.newBuilder()
                .setUserId(bob).setConversationId(conv).setMessageId(id).build())));
    }

    @Test
    void editNotifiesReindexesAndReauditsTheNewText() {
        String conv = single(alice, bob);
        MessageAckEvent sent = send(bob, gwB, "b1", conv, "ed-" + run, "typo here", 0);
        long id = sent.getMessageId();
        assertEquals(3003, errorCodeOf(() -> messages().editMessage(EditMessageRequest.newBuilder()
                .setUserId(alice).setConversationId(conv).setMessageId(id).setContent("not mine").build())));
        assertEquals(3002, errorCodeOf(() -> messages().editMessage(EditMessageRequest.newBuilder()
                .setUserId(bob).setConversationId(conv).setMessageId(id).setContent(" ").build())));

        Message edited = messages().editMessage(EditMessageRequest.newBuilder()
                .setUserId(bob).setConversationId(conv).setMessageId(id).setContent("no typo").build()).getMessage();
        assertEquals("no typo", edited.getContent());
        assertTrue(edited.getEditedAt() > 0);

        DownstreamDelivery onA = probe.awaitDelivery(Topics.downstream(gwA),
                d -> d.hasMessageEdited() && d.getMessageEdited().getMessage().getId() == id);
        assertEquals("no typo", onA.getMessageEdited().getMessage().getContent());
        String version = ":edit:" + edited.getEditedAt();
        TaskMessage index = probe.awaitTask(Topics.task("index"), t -> t.getTaskId().equals("index:" + id + version));
        assertEquals(IndexTask.Action.ACTION_UPSERT, index.getIndex().getAction());
        assertEquals("no typo", index.getIndex().getMessage().getContent());
        TaskMessage audit = probe.awaitTask(Topics.task("audit"), t -> t.getTaskId().equals("audit:" + id + version));
        assertEquals(edited.getEditedAt(), audit.getAudit().getMessage().getEditedAt());
    }

    @Test
    void typingGoesToTheOtherMembersOnlyAndNeedsMembership() {
        String conv = single(alice, bob);
        assertEquals(1003, errorCodeOf(() -> messages().relayTyping(RelayTypingRequest.newBuilder()
                .setUserId(carol).setConversationId(conv).build())));
        assertEquals(1001, errorCodeOf(() -> messages().relayTyping(RelayTypingRequest.newBuilder()
                .setUserId(alice).setConversationId("s_2_1").build())));

        int relayed = messages().relayTyping(RelayTypingRequest.newBuilder().setUserId(alice).setConversationId(conv).build())
                .getRelayed();
        assertEquals(1, relayed, "bob on one gateway");
        DownstreamDelivery onB = probe.awaitDelivery(Topics.downstream(gwB),
                d -> d.hasTyping() && d.getTyping().getConversationId().equals(conv) && d.getTyping().getUserId() == alice);
        assertEquals(Map.of(bob, ""), DownstreamProbe.excludes(onB), "not to the typist's own connections");
        assertFalse(probe.deliveries(Topics.downstream(gwA)).stream().anyMatch(DownstreamDelivery::hasTyping));
    }
}
