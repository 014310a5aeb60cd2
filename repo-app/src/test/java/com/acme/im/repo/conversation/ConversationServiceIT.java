package com.acme.im.repo.conversation;

import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.proto.common.v1.Conversation;
import com.acme.im.proto.common.v1.ConversationType;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.repo.v1.CheckMembershipRequest;
import com.acme.im.proto.repo.v1.ConversationServiceGrpc;
import com.acme.im.proto.repo.v1.CreateGroupRequest;
import com.acme.im.proto.repo.v1.EnsureConversationRequest;
import com.acme.im.proto.repo.v1.GetConversationMembersRequest;
import com.acme.im.proto.repo.v1.GetConversationMembersResponse;
import com.acme.im.proto.repo.v1.GetSinglePeersRequest;
import com.acme.im.proto.repo.v1.GetUnreadCountRequest;
import com.acme.im.proto.repo.v1.GetUserConversationRequest;
import com.acme.im.proto.repo.v1.GetUserConversationsRequest;
import com.acme.im.proto.repo.v1.GetUserConversationsResponse;
import com.acme.im.proto.repo.v1.GroupServiceGrpc;
import com.acme.im.proto.repo.v1.LeaveConversationRequest;
import com.acme.im.proto.repo.v1.MessageServiceGrpc;
import com.acme.im.proto.repo.v1.SaveMessageRequest;
import com.acme.im.proto.repo.v1.UpdateReadPointerRequest;
import com.acme.im.proto.repo.v1.UpdateReadPointerResponse;
import com.acme.im.proto.repo.v1.UpdateUserRequest;
import com.acme.im.proto.repo.v1.UserServiceGrpc;
import com.acme.im.repo.GrpcTestChannel;
import com.acme.im.repo.TestData;
import io.grpc.ManagedChannel;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 会话：单聊在首条消息时创建、会话列表（最后消息、未读、更新时间排序）、单调的已读指针、世界聊天室。
 */
@MicronautTest
class ConversationServiceIT {

    @Inject
    @Named(GrpcTestChannel.NAME)
    ManagedChannel channel;

    private ConversationServiceGrpc.ConversationServiceBlockingStub stub() {
        return TestData.deadline(ConversationServiceGrpc.newBlockingStub(channel));
    }

    private long send(String conv, long sender, String text) {
        return TestData.deadline(MessageServiceGrpc.newBlockingStub(channel)).saveMessage(SaveMessageRequest.newBuilder()
                .setConversationId(conv).setSenderId(sender).setType(MessageType.MESSAGE_TYPE_TEXT).setContent(text)
                .setClientMsgId(TestData.unique("c")).build()).getMessage().getSeq();
    }

    private UpdateReadPointerResponse read(long user, String conv, long seq) {
        return stub().updateReadPointer(UpdateReadPointerRequest.newBuilder().setUserId(user).setConversationId(conv)
                .setSeq(seq).build());
    }

    @Test
    void singleChatAppearsForBothUsersWithLastMessageAndUnread() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        long c = TestData.newUser(channel);
        String ab = ConversationId.single(a, b).value();
        String ac = ConversationId.single(a, c).value();
        assertEquals(0, stub().getUserConversations(GetUserConversationsRequest.newBuilder().setUserId(b).build()).getTotal());

        send(ab, a, "one");
        send(ab, a, "two");
        send(ac, c, "from c");

        GetUserConversationsResponse forB = stub().getUserConversations(GetUserConversationsRequest.newBuilder().setUserId(b).build());
        assertEquals(1, forB.getTotal());
        Conversation conv = forB.getConversations(0);
        assertEquals(ab, conv.getId());
        assertEquals(ConversationType.CONVERSATION_TYPE_SINGLE, conv.getType());
        assertEquals(a, conv.getPeerUserId());
        assertEquals("two", conv.getLastMessage().getContent());
        assertEquals(2, conv.getUnreadCount());

        // 发送者自己发的消息不算未读；列表按更新时间倒序
        GetUserConversationsResponse forA = stub().getUserConversations(GetUserConversationsRequest.newBuilder().setUserId(a).build());
        assertEquals(List.of(ac, ab), forA.getConversationsList().stream().map(Conversation::getId).toList());
        assertEquals(0, forA.getConversations(1).getUnreadCount());
        assertEquals(1, forA.getConversations(0).getUnreadCount());
        assertEquals(1, stub().getUnreadCount(GetUnreadCountRequest.newBuilder().setUserId(a).build()).getUnreadCount());
        GetUserConversationsResponse paged = stub().getUserConversations(GetUserConversationsRequest.newBuilder().setUserId(a)
                .setPage(2).setPageSize(1).build());
        assertEquals(2, paged.getTotal());
        assertEquals(ab, paged.getConversations(0).getId());
        // 不满一页时总数由本页推出，满页与越过末页时数出来：三种情况的总数一致
        assertEquals(2, stub().getUserConversations(GetUserConversationsRequest.newBuilder().setUserId(a)
                .setPage(1).setPageSize(5).build()).getTotal());
        GetUserConversationsResponse beyond = stub().getUserConversations(GetUserConversationsRequest.newBuilder().setUserId(a)
                .setPage(3).setPageSize(1).build());
        assertEquals(0, beyond.getConversationsCount());
        assertEquals(2, beyond.getTotal());
        assertEquals(1003, TestData.errorCode(() -> stub().getUserConversation(GetUserConversationRequest.newBuilder()
                .setUserId(c).setConversationId(ab).build())));
    }

    @Test
    void singlePeersListOnlyOneToOneChatsAndGroupsInTheListCarryTheirNames() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        long c = TestData.newUser(channel);
        send(ConversationId.single(a, b).value(), a, "to b");
        send(ConversationId.single(c, a).value(), c, "from c");
        stub().ensureConversation(EnsureConversationRequest.newBuilder().setConversationId("world")
                .setType(ConversationType.CONVERSATION_TYPE_WORLD).addUserIds(a).build());
        GroupServiceGrpc.GroupServiceBlockingStub groups = TestData.deadline(GroupServiceGrpc.newBlockingStub(channel));
        String g1Name = TestData.unique("g1");
        String g2Name = TestData.unique("g2");
        String g1 = groups.createGroup(CreateGroupRequest.newBuilder().setName(g1Name).setOwnerId(a).addMemberIds(b).build())
                .getGroup().getConversationId();
        String g2 = groups.createGroup(CreateGroupRequest.newBuilder().setName(g2Name).setOwnerId(c).addMemberIds(a).build())
                .getGroup().getConversationId();

        assertEquals(Set.of(b, c), Set.copyOf(stub().getSinglePeers(GetSinglePeersRequest.newBuilder().setUserId(a).build())
                .getPeerUserIdsList()), "world and groups are not peers");
        assertEquals(1, stub().getSinglePeers(GetSinglePeersRequest.newBuilder().setUserId(a).setLimit(1).build())
                .getPeerUserIdsCount());
        assertEquals(List.of(a), stub().getSinglePeers(GetSinglePeersRequest.newBuilder().setUserId(b).build()).getPeerUserIdsList());
        assertEquals(1001, TestData.errorCode(() -> stub().getSinglePeers(GetSinglePeersRequest.newBuilder().setUserId(a)
                .setLimit(-1).build())));

        // 一页里的两个群一次批量取资料：名字各归各的（第二次读走缓存，结果相同）
        for (int round = 0; round < 2; round++) {
            Map<String, String> names = stub().getUserConversations(GetUserConversationsRequest.newBuilder().setUserId(a).build())
                    .getConversationsList().stream().filter(v -> v.getType() == ConversationType.CONVERSATION_TYPE_GROUP)
                    .collect(Collectors.toMap(Conversation::getId, Conversation::getName));
            assertEquals(Map.of(g1, g1Name, g2, g2Name), names);
        }

        // 单聊显示对方的当前资料，对方在会话 ID 的前一半或后一半都一样
        UserServiceGrpc.UserServiceBlockingStub users = TestData.deadline(UserServiceGrpc.newBlockingStub(channel));
        users.updateUser(UpdateUserRequest.newBuilder().setUserId(b).setNickname("Bee").setAvatarUrl("https://cdn.example/b.png").build());
        users.updateUser(UpdateUserRequest.newBuilder().setUserId(a).setNickname("Ay").build());
        String ab = ConversationId.single(a, b).value();
        Conversation seenByA = single(a, ab);
        assertEquals("Bee", seenByA.getName());
        assertEquals("https://cdn.example/b.png", seenByA.getAvatarUrl());
        assertEquals(b, seenByA.getPeerUserId());
        Conversation seenByB = single(b, ab);
        assertEquals("Ay", seenByB.getName());
        assertEquals("", seenByB.getAvatarUrl());
        assertEquals(a, seenByB.getPeerUserId());
        // 单条会话与列表一致
        assertEquals("Bee", stub().getUserConversation(GetUserConversationRequest.newBuilder().setUserId(a).setConversationId(ab)
                .build()).getConversation().getName());
    }

    private Conversation single(long user, String conversationId) {
        return stub().getUserConversations(GetUserConversationsRequest.newBuilder().setUserId(user).build())
                .getConversationsList().stream().filter(v -> v.getId().equals(conversationId)).findFirst().orElseThrow();
    }

    @Test
    void readPointerNeverMovesBackwardsAndIsClampedToTheMaxSeq() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        String ab = ConversationId.single(a, b).value();
        assertEquals(0, read(b, ab, 5).getReadSeq(), "no message yet: nothing to read");
        for (int i = 0; i < 5; i++) {
            send(ab, a, "m" + i);
        }
        UpdateReadPointerResponse r = read(b, ab, 3);
        assertEquals(3, r.getReadSeq());
        assertTrue(r.getAdvanced());
        assertEquals(2, r.getUnreadCount());
        UpdateReadPointerResponse back = read(b, ab, 1);
        assertEquals(3, back.getReadSeq());
        assertFalse(back.getAdvanced());
        assertEquals(2, back.getUnreadCount());
        UpdateReadPointerResponse far = read(b, ab, 1_000);
        assertEquals(5, far.getReadSeq());
        assertEquals(0, far.getUnreadCount());
        assertEquals(0, stub().getUnreadCount(GetUnreadCountRequest.newBuilder().setUserId(b).setConversationId(ab).build())
                .getUnreadCount());
        send(ab, a, "new");
        assertEquals(1, stub().getUnreadCount(GetUnreadCountRequest.newBuilder().setUserId(b).setConversationId(ab).build())
                .getUnreadCount());
        long stranger = TestData.newUser(channel);
        assertEquals(1003, TestData.errorCode(() -> read(stranger, ab, 1)));
        assertEquals(1001, TestData.errorCode(() -> read(b, ab, -1)));
        assertEquals(1001, TestData.errorCode(() -> read(b, "nope", 1)));
    }

    @Test
    void everyUserCanJoinAndLeaveTheWorldRoom() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        CheckMembershipRequest check = CheckMembershipRequest.newBuilder().setUserId(a).setConversationId("world").build();
        assertFalse(stub().checkMembership(check).getMember());
        int before = stub().checkMembership(check).getMemberCount();
        stub().ensureConversation(EnsureConversationRequest.newBuilder().setConversationId("world")
                .setType(ConversationType.CONVERSATION_TYPE_WORLD).addUserIds(a).addUserIds(b).build());
        stub().ensureConversation(EnsureConversationRequest.newBuilder().setConversationId("world").addUserIds(a).build());
        assertTrue(stub().checkMembership(check).getMember());
        assertEquals(before + 2, stub().checkMembership(check).getMemberCount());

        GetConversationMembersResponse members = stub().getConversationMembers(GetConversationMembersRequest.newBuilder()
                .setConversationId("world").setAfterUserId(Math.min(a, b) - 1).setLimit(1000).build());
        assertTrue(members.getUserIdsList().containsAll(List.of(a, b)));

        send("world", a, "hello world");
        assertEquals(1, stub().getUnreadCount(GetUnreadCountRequest.newBuilder().setUserId(b).setConversationId("world")
                .build()).getUnreadCount(), "joiners start at the current seq, so only the new message is unread");

        assertTrue(stub().leaveConversation(LeaveConversationRequest.newBuilder().setUserId(a).setConversationId("world")
                .build()).getLeft());
        assertFalse(stub().checkMembership(check).getMember());
        assertFalse(stub().leaveConversation(LeaveConversationRequest.newBuilder().setUserId(a).setConversationId("world")
                .build()).getLeft());
        assertEquals(1001, TestData.errorCode(() -> stub().ensureConversation(EnsureConversationRequest.newBuilder()
                .setConversationId("world").setType(ConversationType.CONVERSATION_TYPE_GROUP).build())));
        assertEquals(2000, TestData.errorCode(() -> stub().ensureConversation(EnsureConversationRequest.newBuilder()
                .setConversationId("world").addUserIds(Long.MAX_VALUE - 9).build())));
    }

    @Test
    void singleChatMembershipIsDerivedFromTheId() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        String ab = ConversationId.single(a, b).value();
        var m = stub().checkMembership(CheckMembershipRequest.newBuilder().setUserId(a).setConversationId(ab).build());
        assertTrue(m.getMember());
        assertEquals(2, m.getMemberCount());
        assertFalse(stub().checkMembership(CheckMembershipRequest.newBuilder().setUserId(a + b).setConversationId(ab).build())
                .getMember());
        assertEquals(List.of(Math.min(a, b), Math.max(a, b)), stub().getConversationMembers(
                GetConversationMembersRequest.newBuilder().setConversationId(ab).build()).getUserIdsList());
        assertEquals(4000, TestData.errorCode(() -> stub().checkMembership(CheckMembershipRequest.newBuilder().setUserId(a)
                .setConversationId("g_" + (Long.MAX_VALUE - 1)).build())));
    }
}
