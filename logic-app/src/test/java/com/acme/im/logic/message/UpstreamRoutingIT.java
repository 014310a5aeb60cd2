package com.acme.im.logic.message;

import com.acme.im.logic.support.DownstreamProbe;
import com.acme.im.logic.support.LogicItSupport;
import com.acme.im.proto.common.v1.Group;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.MessageAckEvent;
import com.acme.im.proto.event.v1.TaskMessage;
import com.acme.im.proto.event.v1.UpstreamMessage;
import com.acme.im.proto.logic.v1.CreateGroupRequest;
import com.acme.im.proto.logic.v1.GetMessagesRequest;
import com.acme.im.runtime.kafka.Topics;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 上行消息经真实 Kafka 与 repo-app 的完整处理：ack、按网关归并的新消息投递、幂等、错误 ack、
 * 小群直投与大群扩散任务、离线推送与索引/审核任务。
 */
@MicronautTest
class UpstreamRoutingIT extends LogicItSupport {

    private String gwA;
    private String gwB;
    private long alice;
    private long bob;
    private long carol;
    private long dave;
    private DownstreamProbe probe;

    @BeforeAll
    void users() {
        gwA = "it-a-" + run;
        gwB = "it-b-" + run;
        alice = register("alice").getUser().getId();
        bob = register("bob").getUser().getId();
        carol = register("carol").getUser().getId();
        dave = register("dave").getUser().getId();
        // alice 在两个网关各有一个连接，bob 在 B，carol 在 A；dave 离线
        connect(alice, gwA, "a1");
        connect(alice, gwB, "a2");
        connect(bob, gwB, "b1");
        connect(carol, gwA, "c1");
        probe = DownstreamProbe.listen(List.of(Topics.downstream(gwA), Topics.downstream(gwB),
                Topics.task("index"), Topics.task("audit"), Topics.task("push"), Topics.task("fanout")));
    }

    @AfterAll
    void closeProbe() {
        probe.close();
    }

    private MessageAckEvent awaitAck(String gateway, String clientMsgId) {
        return probe.awaitDelivery(Topics.downstream(gateway),
                d -> d.hasMessageAck() && d.getMessageAck().getClientMsgId().equals(clientMsgId)).getMessageAck();
    }

    private DownstreamDelivery awaitNew(String gateway, long messageId) {
        return probe.awaitDelivery(Topics.downstream(gateway),
                d -> d.hasNewMessage() && d.getNewMessage().getMessage().getId() == messageId);
    }

    @Test
    void singleChatAcksSenderAndDeliversOneRecordPerGateway() {
        String conv = single(alice, bob);
        UpstreamMessage sent = text(alice, gwA, "a1", conv, "m1-" + run, "hello bob");
        sendUpstream(sent);

        MessageAckEvent ack = awaitAck(gwA, "m1-" + run);
        assertEquals(0, ack.getErrorCode());
        assertTrue(ack.getMessageId() > 0 && ack.getSeq() > 0);
        DownstreamDelivery ackRecord = probe.awaitDelivery(Topics.downstream(gwA),
                d -> d.hasMessageAck() && d.getMessageAck().getClientMsgId().equals("m1-" + run));
        assertEquals(1, ackRecord.getTargetsCount());
        assertEquals(alice, ackRecord.getTargets(0).getUserId());
        assertEquals("a1", ackRecord.getTargets(0).getConnectionId());

        // B 网关：一条记录同时带 bob 与 alice 的另一台设备；A 网关：alice 的其他连接（排除发送连接）
        DownstreamDelivery onB = awaitNew(gwB, ack.getMessageId());
        assertEquals(Map.of(alice, "a1", bob, ""), DownstreamProbe.excludes(onB));
        assertEquals("hello bob", onB.getNewMessage().getMessage().getContent());
        assertEquals(gwB, onB.getGatewayId());
        assertTrue(onB.getCreatedAt() > 0 && !onB.getTraceId().isEmpty());
        DownstreamDelivery onA = awaitNew(gwA, ack.getMessageId());
        assertEquals(Map.of(alice, "a1"), DownstreamProbe.excludes(onA));
        assertEquals(1, probe.deliveries(Topics.downstream(gwB)).stream()
                .filter(d -> d.hasNewMessage() && d.getNewMessage().getMessage().getId() == ack.getMessageId()).count());

        String taskId = "index:" + ack.getMessageId();
        // 任务 Topic 为全机共享：再按追踪 ID 区分本测试产生的任务
        TaskMessage index = probe.awaitTask(Topics.task("index"), t -> t.getTaskId().equals(taskId) && t.getTraceId().equals(sent.getTraceId()));
        assertEquals("index", index.getTaskType());
        assertEquals(ack.getMessageId(), index.getIndex().getMessage().getId());
        probe.awaitTask(Topics.task("audit"), t -> t.getTaskId().equals("audit:" + ack.getMessageId()) && t.getTraceId().equals(sent.getTraceId()));

        // 历史消息里能看到它（成员可读）
        var history = conversations().getMessages(GetMessagesRequest.newBuilder()
                .setUserId(bob).setConversationId(conv).setLimit(10).build());
        assertTrue(history.getMessagesList().stream().anyMatch(m -> m.getId() == ack.getMessageId()));
    }

    @Test
    void duplicateClientMsgIdIsAckedWithTheOriginalMessage() {
        String conv = single(alice, carol);
        UpstreamMessage m = text(alice, gwA, "a1", conv, "dup-" + run, "once");
        sendUpstream(m);
        MessageAckEvent first = awaitAck(gwA, "dup-" + run);
        sendUpstream(m.toBuilder().setContent("twice").build());

        List<MessageAckEvent> acks = org.awaitility.Awaitility.await().until(() -> probe.deliveries(Topics.downstream(gwA)).stream()
                .filter(d -> d.hasMessageAck() && d.getMessageAck().getClientMsgId().equals("dup-" + run))
                .map(DownstreamDelivery::getMessageAck).toList(), l -> l.size() == 2);
        assertEquals(first.getMessageId(), acks.get(1).getMessageId());
        assertEquals(first.getSeq(), acks.get(1).getSeq());
        var history = conversations().getMessages(GetMessagesRequest.newBuilder()
                .setUserId(carol).setConversationId(conv).setLimit(50).build());
        assertEquals(1, history.getMessagesList().stream().filter(x -> x.getClientMsgId().equals("dup-" + run)).count());

        // 原投递早已确认发布：重发只回 ack，不再投递给接收者、不再发任务。
        // 同会话后一条消息到达时，重发若被投递也必然已先到（同会话有序、批次依次确认）
        sendUpstream(text(alice, gwA, "a1", conv, "after-dup-" + run, "marker"));
        MessageAckEvent marker = awaitAck(gwA, "after-dup-" + run);
        awaitNew(gwA, marker.getMessageId());
        long toCarol = probe.deliveries(Topics.downstream(gwA)).stream()
                .filter(d -> d.hasNewMessage() && d.getNewMessage().getMessage().getId() == first.getMessageId()).count();
        assertEquals(1, toCarol, "the resend of a published message is not delivered again");
        probe.awaitTask(Topics.task("index"), t -> t.getTaskId().equals("index:" + marker.getMessageId()));
        assertEquals(1, probe.tasks(Topics.task("index")).stream()
                .filter(t -> t.getTaskId().equals("index:" + first.getMessageId())).count());
    }

    @Test
    void nonMembersAndBadContentGetErrorAcksAndNothingIsSaved() {
        String conv = single(alice, bob);
        sendUpstream(text(carol, gwA, "c1", conv, "intruder-" + run, "let me in"));
        assertEquals(1003, awaitAck(gwA, "intruder-" + run).getErrorCode());

        sendUpstream(text(carol, gwA, "c1", single(carol, bob), "empty-" + run, ""));
        assertEquals(3002, awaitAck(gwA, "empty-" + run).getErrorCode());

        sendUpstream(text(carol, gwA, "c1", single(carol, bob), "sys-" + run, "x").toBuilder()
                .setType(MessageType.MESSAGE_TYPE_SYSTEM).build());
        assertEquals(3002, awaitAck(gwA, "sys-" + run).getErrorCode());

        sendUpstream(text(carol, gwA, "c1", "s_bad", "badconv-" + run, "x"));
        assertEquals(1001, awaitAck(gwA, "badconv-" + run).getErrorCode());

        sendUpstream(text(carol, gwA, "c1", single(carol, 9_000_000_000L), "ghost-" + run, "anyone?"));
        assertEquals(2000, awaitAck(gwA, "ghost-" + run).getErrorCode());

        Group g = groups().createGroup(CreateGroupRequest.newBuilder().setUserId(alice).setName("pair " + run).addMemberIds(bob).build()).getGroup();
        sendUpstream(text(carol, gwA, "c1", g.getConversationId(), "notmember-" + run, "hi group"));
        MessageAckEvent ack = awaitAck(gwA, "notmember-" + run);
        assertEquals(4001, ack.getErrorCode());
        assertEquals(0, ack.getMessageId());

        var history = conversations().getMessages(GetMessagesRequest.newBuilder()
                .setUserId(alice).setConversationId(conv).setLimit(100).build());
        assertTrue(history.getMessagesList().stream().noneMatch(m -> m.getClientMsgId().equals("intruder-" + run)));
    }

    @Test
    void malformedRecordIsSkippedWithoutBlockingThePartition() {
        String conv = single(bob, carol);
        sendRaw(conv, "not a protobuf".getBytes(StandardCharsets.UTF_8));
        sendUpstream(text(bob, gwB, "b1", conv, "after-garbage-" + run, "still flowing"));
        assertEquals(0, awaitAck(gwB, "after-garbage-" + run).getErrorCode());
    }

    @Test
    void smallGroupIsRoutedDirectlyAndOfflineMembersGetAPushTask() {
        Group g = groups().createGroup(CreateGroupRequest.newBuilder().setUserId(alice).setName("duo " + run).addMemberIds(dave).build()).getGroup();
        UpstreamMessage sent = text(alice, gwA, "a1", g.getConversationId(), "small-" + run, "hi dave");
        sendUpstream(sent);
        MessageAckEvent ack = awaitAck(gwA, "small-" + run);
        assertEquals(0, ack.getErrorCode());

        DownstreamDelivery onB = awaitNew(gwB, ack.getMessageId());
        assertEquals(Map.of(alice, "a1"), DownstreamProbe.excludes(onB));
        TaskMessage push = probe.awaitTask(Topics.task("push"), t -> t.getTaskId().equals("push:" + ack.getMessageId())
                && t.getTraceId().equals(sent.getTraceId()));
        assertEquals(List.of(dave), push.getPush().getRecipientIdsList());
        assertEquals("duo " + run, push.getPush().getTitle());
        assertEquals("alice", push.getPush().getSenderName());
        assertTrue(probe.tasks(Topics.task("fanout")).stream().noneMatch(t -> t.getTraceId().equals(sent.getTraceId())));
    }

    @Test
    void groupAboveTheThresholdPublishesAFanoutTaskInstead() {
        Group g = groups().createGroup(CreateGroupRequest.newBuilder().setUserId(alice).setName("trio " + run)
                .addMemberIds(bob).addMemberIds(carol).build()).getGroup();
        UpstreamMessage sent = text(bob, gwB, "b1", g.getConversationId(), "big-" + run, "hello all");
        sendUpstream(sent);
        MessageAckEvent ack = awaitAck(gwB, "big-" + run);
        assertEquals(0, ack.getErrorCode());

        TaskMessage fanout = probe.awaitTask(Topics.task("fanout"), t -> t.getTaskId().equals("fanout:" + ack.getMessageId())
                && t.getTraceId().equals(sent.getTraceId()));
        assertEquals("fanout", fanout.getTaskType());
        assertEquals(g.getId(), fanout.getFanout().getGroupId());
        assertEquals(g.getConversationId(), fanout.getFanout().getConversationId());
        assertEquals("b1", fanout.getFanout().getSenderConnectionId());
        assertEquals("hello all", fanout.getFanout().getMessage().getContent());
        // 扩散任务代替了直投：没有任何网关收到这条新消息
        assertTrue(probe.deliveries(Topics.downstream(gwA)).stream()
                .noneMatch(d -> d.hasNewMessage() && d.getNewMessage().getMessage().getId() == ack.getMessageId()));
    }

    @Test
    void messagesOfOneConversationArriveInSeqOrder() {
        String conv = single(alice, dave);
        int n = 50;
        for (int i = 0; i < n; i++) {
            UpstreamMessage m = text(alice, gwA, "a1", conv, "order-" + run + "-" + i, "n" + i);
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(upstreamTopic, conv, m.toByteArray()));
        }
        producer.flush();
        List<MessageAckEvent> acks = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> probe.deliveries(Topics.downstream(gwA)).stream()
                        .filter(d -> d.hasMessageAck() && d.getMessageAck().getClientMsgId().startsWith("order-" + run + "-"))
                        .map(DownstreamDelivery::getMessageAck).toList(), l -> l.size() == n);
        for (int i = 0; i < n; i++) {
            assertEquals("order-" + run + "-" + i, acks.get(i).getClientMsgId());
            if (i > 0) {
                assertTrue(acks.get(i).getSeq() > acks.get(i - 1).getSeq(), "seq must grow in send order");
            }
        }
    }
}
