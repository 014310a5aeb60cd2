package com.acme.im.logic.contact;

import com.acme.im.logic.support.DownstreamProbe;
import com.acme.im.logic.support.LogicItSupport;
import com.acme.im.proto.common.v1.Presence;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.MessageAckEvent;
import com.acme.im.proto.logic.v1.BlockUserRequest;
import com.acme.im.proto.logic.v1.ContactServiceGrpc;
import com.acme.im.proto.logic.v1.DeleteFriendRequest;
import com.acme.im.proto.logic.v1.FriendRequestInfo;
import com.acme.im.proto.logic.v1.GetPresenceRequest;
import com.acme.im.proto.logic.v1.ListFriendsRequest;
import com.acme.im.proto.logic.v1.RespondFriendRequestRequest;
import com.acme.im.proto.logic.v1.SendFriendRequestRequest;
import com.acme.im.proto.logic.v1.SendFriendRequestResponse;
import com.acme.im.proto.logic.v1.SetFriendRemarkRequest;
import com.acme.im.proto.logic.v1.UnblockUserRequest;
import com.acme.im.runtime.kafka.Topics;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * logic 的好友与拉黑，经真实 Kafka 与 repo-app：申请与成为好友的下行帧发给对的人、备注、删除；
 * 拉黑后单聊消息得到 5003 的 ack 且不投递（同批其他消息照常）、在线状态互相隐藏，取消拉黑后恢复；输入错误码。
 */
@MicronautTest
class ContactFlowIT extends LogicItSupport {

    private String gwA;
    private String gwB;
    private DownstreamProbe probe;

    @BeforeAll
    void start() {
        gwA = "ct-a-" + run;
        gwB = "ct-b-" + run;
        probe = DownstreamProbe.listen(List.of(Topics.downstream(gwA), Topics.downstream(gwB)));
    }

    @AfterAll
    void closeProbe() {
        probe.close();
    }

    private ContactServiceGrpc.ContactServiceBlockingStub contacts() {
        return ContactServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private SendFriendRequestResponse request(long from, long to, String note) {
        return contacts().sendFriendRequest(SendFriendRequestRequest.newBuilder().setUserId(from).setToUserId(to).setNote(note).build());
    }

    private FriendRequestInfo respond(long user, long id, String action) {
        return contacts().respondFriendRequest(RespondFriendRequestRequest.newBuilder()
                .setUserId(user).setRequestId(id).setAction(action).build()).getRequest();
    }

    @Test
    void requestAcceptRemarkDeleteWithFrames() {
        long alice = register("calice").getUser().getId();
        long bob = register("cbob").getUser().getId();
        connect(alice, gwA, "ca1");
        connect(bob, gwB, "cb1");

        SendFriendRequestResponse sent = request(alice, bob, "hi bob");
        assertTrue(sent.getCreated());
        long id = sent.getRequest().getId();
        DownstreamDelivery frame = probe.awaitDelivery(Topics.downstream(gwB),
                d -> d.hasFriendRequest() && d.getFriendRequest().getRequestId() == id);
        assertEquals(alice, frame.getFriendRequest().getFromUserId());
        assertEquals("hi bob", frame.getFriendRequest().getNote());
        assertEquals(bob, frame.getTargets(0).getUserId());

        assertEquals("accepted", respond(bob, id, "accept").getStatus());
        DownstreamDelivery toAlice = probe.awaitDelivery(Topics.downstream(gwA),
                d -> d.hasFriendAdded() && d.getFriendAdded().getRequestId() == id);
        assertEquals(bob, toAlice.getFriendAdded().getFriendUserId());
        DownstreamDelivery toBob = probe.awaitDelivery(Topics.downstream(gwB),
                d -> d.hasFriendAdded() && d.getFriendAdded().getRequestId() == id);
        assertEquals(alice, toBob.getFriendAdded().getFriendUserId());

        assertEquals("Bobby", contacts().setFriendRemark(SetFriendRemarkRequest.newBuilder()
                .setUserId(alice).setFriendId(bob).setRemark("  Bobby ").build()).getFriend().getRemark());
        var friends = contacts().listFriends(ListFriendsRequest.newBuilder().setUserId(alice).build()).getFriendsList();
        assertEquals(1, friends.size());
        assertEquals("Bobby", friends.get(0).getRemark());
        assertEquals("cbob", friends.get(0).getUser().getNickname());

        contacts().deleteFriend(DeleteFriendRequest.newBuilder().setUserId(bob).setFriendId(alice).build());
        assertEquals(0, contacts().listFriends(ListFriendsRequest.newBuilder().setUserId(alice).build()).getFriendsCount());
    }

    @Test
    void badInputAndPermissions() {
        long alice = register("cxalice").getUser().getId();
        long bob = register("cxbob").getUser().getId();
        assertEquals(1001, errorCodeOf(() -> request(alice, alice, "")));
        assertEquals(1001, errorCodeOf(() -> request(alice, bob, "n".repeat(201))));
        assertEquals(2000, errorCodeOf(() -> request(alice, Long.MAX_VALUE - 3, "")));
        long id = request(alice, bob, "").getRequest().getId();
        assertEquals(1001, errorCodeOf(() -> respond(bob, id, "approve")));
        assertEquals(1003, errorCodeOf(() -> respond(alice, id, "accept")));
        assertEquals(1003, errorCodeOf(() -> respond(bob, id, "cancel")));
        assertEquals("cancelled", respond(alice, id, "cancel").getStatus());
        assertEquals(5002, errorCodeOf(() -> respond(bob, id, "accept")));
        assertEquals(1001, errorCodeOf(() -> contacts().setFriendRemark(SetFriendRemarkRequest.newBuilder()
                .setUserId(alice).setFriendId(bob).setRemark("r".repeat(65)).build())));
        assertEquals(5001, errorCodeOf(() -> contacts().setFriendRemark(SetFriendRemarkRequest.newBuilder()
                .setUserId(alice).setFriendId(bob).setRemark("r").build())));
    }

    @Test
    void blockRefusesMessagesHidesPresenceAndUnblockRestores() {
        long alice = register("cbalice").getUser().getId();
        long bob = register("cbbob").getUser().getId();
        long carol = register("cbcarol").getUser().getId();
        connect(alice, gwA, "cba1");
        connect(bob, gwB, "cbb1");
        connect(carol, gwB, "cbc1");
        String ab = single(alice, bob);
        String ac = single(alice, carol);

        contacts().blockUser(BlockUserRequest.newBuilder().setUserId(alice).setBlockedUserId(bob).build());
        // 同一批里：bob 的消息被拒（5003），carol 的照常；alice 自己发给 bob 的不受影响
        sendUpstream(text(bob, gwB, "cbb1", ab, "blk-" + run, "you there?"));
        sendUpstream(text(carol, gwB, "cbc1", ac, "ok-" + run, "hello"));
        MessageAckEvent refused = probe.awaitDelivery(Topics.downstream(gwB),
                d -> d.hasMessageAck() && d.getMessageAck().getClientMsgId().equals("blk-" + run)).getMessageAck();
        assertEquals(5003, refused.getErrorCode());
        assertEquals(0, refused.getMessageId());
        MessageAckEvent fine = probe.awaitDelivery(Topics.downstream(gwB),
                d -> d.hasMessageAck() && d.getMessageAck().getClientMsgId().equals("ok-" + run)).getMessageAck();
        assertEquals(0, fine.getErrorCode());
        probe.awaitDelivery(Topics.downstream(gwA),
                d -> d.hasNewMessage() && d.getNewMessage().getMessage().getClientMsgId().equals("ok-" + run));
        assertFalse(probe.deliveries(Topics.downstream(gwA)).stream()
                .anyMatch(d -> d.hasNewMessage() && d.getNewMessage().getMessage().getClientMsgId().equals("blk-" + run)));
        MessageAckEvent fromAlice = sendAndAck(alice, gwA, "cba1", ab, "fa-" + run);
        assertEquals(0, fromAlice.getErrorCode());

        // 在线状态：双方互相看到离线，第三方照常看到在线
        assertFalse(presenceOf(alice, bob).getOnline());
        assertFalse(presenceOf(bob, alice).getOnline());
        assertTrue(presenceOf(carol, bob).getOnline());
        assertEquals(5003, errorCodeOf(() -> request(bob, alice, "")));

        contacts().unblockUser(UnblockUserRequest.newBuilder().setUserId(alice).setBlockedUserId(bob).build());
        assertTrue(presenceOf(alice, bob).getOnline());
        MessageAckEvent after = sendAndAck(bob, gwB, "cbb1", ab, "ub-" + run);
        assertEquals(0, after.getErrorCode());
        probe.awaitDelivery(Topics.downstream(gwA),
                d -> d.hasNewMessage() && d.getNewMessage().getMessage().getClientMsgId().equals("ub-" + run));
    }

    private MessageAckEvent sendAndAck(long user, String gateway, String connection, String conv, String clientMsgId) {
        sendUpstream(text(user, gateway, connection, conv, clientMsgId, "text " + clientMsgId));
        return probe.awaitDelivery(Topics.downstream(gateway),
                d -> d.hasMessageAck() && d.getMessageAck().getClientMsgId().equals(clientMsgId)).getMessageAck();
    }

    private Presence presenceOf(long viewer, long user) {
        List<Presence> list = presence().getPresence(GetPresenceRequest.newBuilder().setUserId(viewer).addUserIds(user).build())
                .getPresencesList();
        return list.get(0);
    }
}
