package com.acme.im.repo.contact;

import com.acme.im.proto.repo.v1.BlockUserRequest;
import com.acme.im.proto.repo.v1.CheckRelationsRequest;
import com.acme.im.proto.repo.v1.ContactServiceGrpc;
import com.acme.im.proto.repo.v1.DeleteFriendRequest;
import com.acme.im.proto.repo.v1.Friend;
import com.acme.im.proto.repo.v1.FriendRequest;
import com.acme.im.proto.repo.v1.FriendRequestAction;
import com.acme.im.proto.repo.v1.FriendRequestStatus;
import com.acme.im.proto.repo.v1.ListBlocksRequest;
import com.acme.im.proto.repo.v1.ListFriendRequestsRequest;
import com.acme.im.proto.repo.v1.ListFriendsRequest;
import com.acme.im.proto.repo.v1.PairRelation;
import com.acme.im.proto.repo.v1.RespondFriendRequestRequest;
import com.acme.im.proto.repo.v1.SendFriendRequestRequest;
import com.acme.im.proto.repo.v1.SendFriendRequestResponse;
import com.acme.im.proto.repo.v1.SetFriendRemarkRequest;
import com.acme.im.proto.repo.v1.UnblockUserRequest;
import com.acme.im.proto.repo.v1.UserPair;
import com.acme.im.repo.GrpcTestChannel;
import com.acme.im.repo.TestData;
import io.grpc.ManagedChannel;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 好友与拉黑的存储规则：申请幂等、反向申请自动接受、只有对的一方能处理、并发下不产生重复好友行、
 * 备注与删除、拉黑后申请被拒、批量关系检查。
 */
@MicronautTest
class ContactServiceIT {

    @Inject
    @Named(GrpcTestChannel.NAME)
    ManagedChannel channel;

    private ContactServiceGrpc.ContactServiceBlockingStub stub() {
        return TestData.deadline(ContactServiceGrpc.newBlockingStub(channel));
    }

    private SendFriendRequestResponse send(long from, long to, String note) {
        return stub().sendFriendRequest(SendFriendRequestRequest.newBuilder()
                .setFromUserId(from).setToUserId(to).setNote(note).build());
    }

    private FriendRequest respond(long user, long request, FriendRequestAction action) {
        return stub().respondFriendRequest(RespondFriendRequestRequest.newBuilder()
                .setUserId(user).setRequestId(request).setAction(action).build()).getRequest();
    }

    private List<Long> friendsOf(long user) {
        return stub().listFriends(ListFriendsRequest.newBuilder().setUserId(user).build()).getFriendsList().stream()
                .map(Friend::getUserId).toList();
    }

    private List<Long> pending(long user, boolean outgoing) {
        return stub().listFriendRequests(ListFriendRequestsRequest.newBuilder().setUserId(user).setOutgoing(outgoing).build())
                .getRequestsList().stream().map(FriendRequest::getId).toList();
    }

    @Test
    void duplicateRequestReturnsThePendingOneAndAcceptMakesBothFriends() {
        long alice = TestData.newUser(channel);
        long bob = TestData.newUser(channel);
        SendFriendRequestResponse first = send(alice, bob, "hi, it's alice");
        assertTrue(first.getCreated());
        assertEquals(FriendRequestStatus.FRIEND_REQUEST_STATUS_PENDING, first.getRequest().getStatus());
        SendFriendRequestResponse again = send(alice, bob, "other note");
        assertFalse(again.getCreated());
        assertEquals(first.getRequest().getId(), again.getRequest().getId());
        assertEquals("hi, it's alice", again.getRequest().getNote());
        assertEquals(List.of(first.getRequest().getId()), pending(bob, false));
        assertEquals(List.of(first.getRequest().getId()), pending(alice, true));

        // 只有接收者能接受；发送者 1003，无关的人 1004
        long carol = TestData.newUser(channel);
        long id = first.getRequest().getId();
        assertEquals(1003, TestData.errorCode(() -> respond(alice, id, FriendRequestAction.FRIEND_REQUEST_ACTION_ACCEPT)));
        assertEquals(1004, TestData.errorCode(() -> respond(carol, id, FriendRequestAction.FRIEND_REQUEST_ACTION_ACCEPT)));
        assertEquals(1003, TestData.errorCode(() -> respond(bob, id, FriendRequestAction.FRIEND_REQUEST_ACTION_CANCEL)));

        FriendRequest accepted = respond(bob, id, FriendRequestAction.FRIEND_REQUEST_ACTION_ACCEPT);
        assertEquals(FriendRequestStatus.FRIEND_REQUEST_STATUS_ACCEPTED, accepted.getStatus());
        assertEquals(List.of(bob), friendsOf(alice));
        assertEquals(List.of(alice), friendsOf(bob));
        assertEquals(List.of(), pending(bob, false));
        // 已处理 5002；已是好友再申请 5000
        assertEquals(5002, TestData.errorCode(() -> respond(bob, id, FriendRequestAction.FRIEND_REQUEST_ACTION_REJECT)));
        assertEquals(5000, TestData.errorCode(() -> send(bob, alice, "")));
    }

    @Test
    void crossingRequestIsAutoAccepted() {
        long alice = TestData.newUser(channel);
        long bob = TestData.newUser(channel);
        long id = send(alice, bob, "").getRequest().getId();
        SendFriendRequestResponse crossing = send(bob, alice, "me too");
        assertTrue(crossing.getAutoAccepted());
        assertFalse(crossing.getCreated());
        assertEquals(id, crossing.getRequest().getId());
        assertEquals(FriendRequestStatus.FRIEND_REQUEST_STATUS_ACCEPTED, crossing.getRequest().getStatus());
        assertEquals(List.of(bob), friendsOf(alice));
        assertEquals(List.of(), pending(alice, true));
    }

    @Test
    void rejectAndCancelCloseTheRequestWithoutFriendship() {
        long alice = TestData.newUser(channel);
        long bob = TestData.newUser(channel);
        long first = send(alice, bob, "").getRequest().getId();
        assertEquals(FriendRequestStatus.FRIEND_REQUEST_STATUS_REJECTED,
                respond(bob, first, FriendRequestAction.FRIEND_REQUEST_ACTION_REJECT).getStatus());
        // 被拒后可以再申请，得到新的一条
        long second = send(alice, bob, "").getRequest().getId();
        assertTrue(second != first);
        assertEquals(FriendRequestStatus.FRIEND_REQUEST_STATUS_CANCELLED,
                respond(alice, second, FriendRequestAction.FRIEND_REQUEST_ACTION_CANCEL).getStatus());
        assertEquals(5002, TestData.errorCode(() -> respond(bob, second, FriendRequestAction.FRIEND_REQUEST_ACTION_ACCEPT)));
        assertEquals(List.of(), friendsOf(alice));
        assertEquals(List.of(), friendsOf(bob));
    }

    @Test
    void badInputGetsClearCodes() {
        long alice = TestData.newUser(channel);
        assertEquals(1001, TestData.errorCode(() -> send(alice, alice, "")));
        assertEquals(2000, TestData.errorCode(() -> send(alice, Long.MAX_VALUE - 7, "")));
        assertEquals(1001, TestData.errorCode(() -> send(alice, TestData.newUser(channel), "x".repeat(201))));
        assertEquals(1004, TestData.errorCode(() -> respond(alice, Long.MAX_VALUE - 7, FriendRequestAction.FRIEND_REQUEST_ACTION_ACCEPT)));
        assertEquals(1001, TestData.errorCode(() -> stub().blockUser(BlockUserRequest.newBuilder()
                .setUserId(alice).setBlockedUserId(alice).build())));
        assertEquals(2000, TestData.errorCode(() -> stub().blockUser(BlockUserRequest.newBuilder()
                .setUserId(alice).setBlockedUserId(Long.MAX_VALUE - 7).build())));
    }

    @Test
    void remarkIsPerSideAndDeleteRemovesBothRows() {
        long alice = TestData.newUser(channel);
        long bob = TestData.newUser(channel);
        long id = send(alice, bob, "").getRequest().getId();
        respond(bob, id, FriendRequestAction.FRIEND_REQUEST_ACTION_ACCEPT);
        assertEquals("Bobby", stub().setFriendRemark(SetFriendRemarkRequest.newBuilder()
                .setUserId(alice).setFriendId(bob).setRemark("Bobby").build()).getFriend().getRemark());
        assertEquals("Bobby", stub().listFriends(ListFriendsRequest.newBuilder().setUserId(alice).build()).getFriends(0).getRemark());
        assertEquals("", stub().listFriends(ListFriendsRequest.newBuilder().setUserId(bob).build()).getFriends(0).getRemark());
        stub().setFriendRemark(SetFriendRemarkRequest.newBuilder().setUserId(alice).setFriendId(bob).setRemark("").build());
        assertEquals("", stub().listFriends(ListFriendsRequest.newBuilder().setUserId(alice).build()).getFriends(0).getRemark());

        stub().deleteFriend(DeleteFriendRequest.newBuilder().setUserId(bob).setFriendId(alice).build());
        assertEquals(List.of(), friendsOf(alice));
        assertEquals(List.of(), friendsOf(bob));
        assertEquals(5001, TestData.errorCode(() -> stub().deleteFriend(DeleteFriendRequest.newBuilder()
                .setUserId(alice).setFriendId(bob).build())));
        assertEquals(5001, TestData.errorCode(() -> stub().setFriendRemark(SetFriendRemarkRequest.newBuilder()
                .setUserId(alice).setFriendId(bob).setRemark("x").build())));
    }

    @Test
    void concurrentCrossingRequestsAndAcceptsNeverDoubleTheFriendship() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                long alice = TestData.newUser(channel);
                long bob = TestData.newUser(channel);
                List<Callable<Object>> calls = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    calls.add(() -> send(alice, bob, ""));
                    calls.add(() -> send(bob, alice, ""));
                }
                for (Future<Object> f : pool.invokeAll(calls)) {
                    try {
                        f.get();
                    } catch (Exception e) {
                        // 后到的一方可能看到已是好友（5000）：这是正确结果
                    }
                }
                assertEquals(List.of(bob), friendsOf(alice));
                assertEquals(List.of(alice), friendsOf(bob));
                assertEquals(List.of(), pending(alice, true));
                assertEquals(List.of(), pending(bob, true));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void blockRefusesRequestsAndShowsInRelations() {
        long alice = TestData.newUser(channel);
        long bob = TestData.newUser(channel);
        assertTrue(stub().blockUser(BlockUserRequest.newBuilder().setUserId(alice).setBlockedUserId(bob).build()).getCreated());
        assertFalse(stub().blockUser(BlockUserRequest.newBuilder().setUserId(alice).setBlockedUserId(bob).build()).getCreated());
        assertEquals(List.of(bob), stub().listBlocks(ListBlocksRequest.newBuilder().setUserId(alice).build()).getBlocksList()
                .stream().map(b -> b.getUserId()).toList());
        assertEquals(5003, TestData.errorCode(() -> send(bob, alice, "")));
        assertEquals(5003, TestData.errorCode(() -> send(alice, bob, "")));

        List<PairRelation> r = stub().checkRelations(CheckRelationsRequest.newBuilder()
                .addPairs(UserPair.newBuilder().setUserId(bob).setOtherUserId(alice))
                .addPairs(UserPair.newBuilder().setUserId(alice).setOtherUserId(bob))
                .build()).getRelationsList();
        assertTrue(r.get(0).getBlockedByOther());
        assertFalse(r.get(0).getBlockingOther());
        assertFalse(r.get(1).getBlockedByOther());
        assertTrue(r.get(1).getBlockingOther());

        assertTrue(stub().unblockUser(UnblockUserRequest.newBuilder().setUserId(alice).setBlockedUserId(bob).build()).getRemoved());
        assertFalse(stub().unblockUser(UnblockUserRequest.newBuilder().setUserId(alice).setBlockedUserId(bob).build()).getRemoved());
        assertTrue(send(bob, alice, "").getCreated());
        PairRelation after = stub().checkRelations(CheckRelationsRequest.newBuilder()
                .addPairs(UserPair.newBuilder().setUserId(bob).setOtherUserId(alice)).build()).getRelations(0);
        assertFalse(after.getBlockedByOther());
        assertFalse(after.getFriends());
    }
}
