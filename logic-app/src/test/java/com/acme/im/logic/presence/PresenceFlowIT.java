package com.acme.im.logic.presence;

import com.acme.im.logic.support.DownstreamProbe;
import com.acme.im.logic.support.LogicItSupport;
import com.acme.im.proto.common.v1.Presence;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.MessageAckEvent;
import com.acme.im.proto.logic.v1.GetMessagesRequest;
import com.acme.im.proto.logic.v1.GetPresenceRequest;
import com.acme.im.proto.logic.v1.JoinWorldRequest;
import com.acme.im.proto.logic.v1.LeaveWorldRequest;
import com.acme.im.proto.logic.v1.MarkAsReadRequest;
import com.acme.im.proto.logic.v1.MarkAsReadResponse;
import com.acme.im.proto.logic.v1.OpenSingleConversationRequest;
import com.acme.im.proto.logic.v1.ReportConnectionRequest;
import com.acme.im.runtime.kafka.Topics;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 在线状态通知、批量在线查询、单聊建立、已读回执与世界聊天室，经 gRPC、真实 Kafka 与 repo-app。
 */
@MicronautTest
class PresenceFlowIT extends LogicItSupport {

    @Test
    void peersLearnAboutOnlineChangesAndReadReceipts() {
        long alice = register("palice").getUser().getId();
        long bob = register("pbob").getUser().getId();
        String gwA = "it-pa-" + run;
        String gwB = "it-pb-" + run;
        String conv = conversations().openSingleConversation(OpenSingleConversationRequest.newBuilder()
                .setUserId(alice).setPeerUserId(bob).build()).getConversationId();
        assertEquals(single(alice, bob), conv);
        connect(alice, gwA, "a1");

        try (DownstreamProbe probe = DownstreamProbe.listen(List.of(Topics.downstream(gwA), Topics.downstream(gwB)))) {
            // bob 第一个连接上线：alice 所在网关收到上线事件；第二个连接不再广播
            assertTrue(presence().reportConnected(ReportConnectionRequest.newBuilder()
                    .setUserId(bob).setGatewayId(gwB).setConnectionId("b1").build()).getOnline());
            DownstreamDelivery up = probe.awaitDelivery(Topics.downstream(gwA),
                    d -> d.hasOnlineStatus() && d.getOnlineStatus().getUserId() == bob && d.getOnlineStatus().getOnline());
            assertEquals(alice, up.getTargets(0).getUserId());
            connect(bob, gwB, "b2");

            List<Presence> presences = presence().getPresence(GetPresenceRequest.newBuilder()
                    .setUserId(alice).addUserIds(bob).build()).getPresencesList();
            assertTrue(presences.get(0).getOnline());
            assertEquals(0, presences.get(0).getGatewayIdsCount(), "gateway ids stay internal");

            // alice 发消息，bob 标记已读：alice 收到已读回执
            sendUpstream(text(alice, gwA, "a1", conv, "rr-" + run, "read me"));
            MessageAckEvent ack = probe.awaitDelivery(Topics.downstream(gwA),
                    d -> d.hasMessageAck() && d.getMessageAck().getClientMsgId().equals("rr-" + run)).getMessageAck();
            MarkAsReadResponse read = conversations().markAsRead(MarkAsReadRequest.newBuilder()
                    .setUserId(bob).setConversationId(conv).setSeq(ack.getSeq()).build());
            assertEquals(ack.getSeq(), read.getReadSeq());
            assertEquals(0, read.getUnreadCount());
            DownstreamDelivery receipt = probe.awaitDelivery(Topics.downstream(gwA), DownstreamDelivery::hasReadReceipt);
            assertEquals(bob, receipt.getReadReceipt().getReaderId());
            assertEquals(ack.getSeq(), receipt.getReadReceipt().getReadSeq());

            // bob 的两个连接都断开后才广播离线
            assertTrue(presence().reportDisconnected(ReportConnectionRequest.newBuilder()
                    .setUserId(bob).setGatewayId(gwB).setConnectionId("b1").build()).getOnline());
            assertFalse(presence().reportDisconnected(ReportConnectionRequest.newBuilder()
                    .setUserId(bob).setGatewayId(gwB).setConnectionId("b2").build()).getOnline());
            probe.awaitDelivery(Topics.downstream(gwA),
                    d -> d.hasOnlineStatus() && d.getOnlineStatus().getUserId() == bob && !d.getOnlineStatus().getOnline());
            assertEquals(1, probe.deliveries(Topics.downstream(gwA)).stream()
                    .filter(d -> d.hasOnlineStatus() && d.getOnlineStatus().getOnline()).count());
        }
    }

    @Test
    void inputLimitsAndMembership() {
        long alice = register("qalice").getUser().getId();
        long bob = register("qbob").getUser().getId();
        long carol = register("qcarol").getUser().getId();
        assertEquals(1001, errorCodeOf(() -> presence().getPresence(GetPresenceRequest.newBuilder().setUserId(alice)
                .addAllUserIds(LongStream.rangeClosed(1, 501).boxed().toList()).build())));
        assertEquals(2000, errorCodeOf(() -> conversations().openSingleConversation(OpenSingleConversationRequest.newBuilder()
                .setUserId(alice).setPeerUserId(9_000_000_002L).build())));
        assertEquals(1001, errorCodeOf(() -> conversations().openSingleConversation(OpenSingleConversationRequest.newBuilder()
                .setUserId(alice).setPeerUserId(alice).build())));
        assertEquals(1003, errorCodeOf(() -> conversations().getMessages(GetMessagesRequest.newBuilder()
                .setUserId(carol).setConversationId(single(alice, bob)).build())));
        assertEquals(1001, errorCodeOf(() -> conversations().getMessages(GetMessagesRequest.newBuilder()
                .setUserId(alice).setConversationId("nope").build())));

        // 世界聊天室：加入后可读，离开后不可读
        assertEquals("world", conversations().joinWorld(JoinWorldRequest.newBuilder().setUserId(alice).build()).getConversationId());
        conversations().getMessages(GetMessagesRequest.newBuilder().setUserId(alice).setConversationId("world").build());
        conversations().leaveWorld(LeaveWorldRequest.newBuilder().setUserId(alice).build());
        assertEquals(1003, errorCodeOf(() -> conversations().getMessages(GetMessagesRequest.newBuilder()
                .setUserId(alice).setConversationId("world").build())));
    }
}
