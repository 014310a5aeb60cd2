package com.acme.im.repo.group;

import com.acme.im.proto.common.v1.ConversationType;
import com.acme.im.proto.common.v1.Group;
import com.acme.im.proto.common.v1.GroupMember;
import com.acme.im.proto.common.v1.GroupRole;
import com.acme.im.proto.repo.v1.AddGroupMembersRequest;
import com.acme.im.proto.repo.v1.AddGroupMembersResponse;
import com.acme.im.proto.repo.v1.CheckMembershipRequest;
import com.acme.im.proto.repo.v1.CheckMembershipResponse;
import com.acme.im.proto.repo.v1.ConversationServiceGrpc;
import com.acme.im.proto.repo.v1.CreateGroupRequest;
import com.acme.im.proto.repo.v1.GetGroupMemberRequest;
import com.acme.im.proto.repo.v1.GetGroupMembersRequest;
import com.acme.im.proto.repo.v1.GetGroupMembersResponse;
import com.acme.im.proto.repo.v1.GetGroupRequest;
import com.acme.im.proto.repo.v1.GroupServiceGrpc;
import com.acme.im.proto.repo.v1.IsGroupMemberRequest;
import com.acme.im.proto.repo.v1.RemoveGroupMemberRequest;
import com.acme.im.repo.GrpcTestChannel;
import com.acme.im.repo.TestData;
import io.grpc.ManagedChannel;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 群组：创建、成员增删与角色、分页、成员数、成员检查（含缓存作废）与错误码。
 * 上限调小为 6 人，便于验证 4002。
 */
@MicronautTest
@Property(name = "im.repo.group.max-members", value = "6")
class GroupServiceIT {

    @Inject
    @Named(GrpcTestChannel.NAME)
    ManagedChannel channel;

    private GroupServiceGrpc.GroupServiceBlockingStub stub() {
        return TestData.deadline(GroupServiceGrpc.newBlockingStub(channel));
    }

    private boolean isMember(long group, long user) {
        return stub().isGroupMember(IsGroupMemberRequest.newBuilder().setGroupId(group).setUserId(user).build()).getMember();
    }

    @Test
    void membersComeAndGoWithRolesAndCounts() {
        long owner = TestData.newUser(channel);
        long m1 = TestData.newUser(channel);
        long m2 = TestData.newUser(channel);
        long outsider = TestData.newUser(channel);
        Group g = stub().createGroup(CreateGroupRequest.newBuilder().setName("team").setOwnerId(owner)
                .addMemberIds(m1).addMemberIds(m2).addMemberIds(owner).build()).getGroup();
        assertEquals(3, g.getMemberCount());
        assertEquals("g_" + g.getId(), g.getConversationId());
        assertEquals(g, stub().getGroup(GetGroupRequest.newBuilder().setGroupId(g.getId()).build()).getGroup());
        assertEquals(GroupRole.GROUP_ROLE_OWNER, stub().getGroupMember(GetGroupMemberRequest.newBuilder()
                .setGroupId(g.getId()).setUserId(owner).build()).getMember().getRole());

        // 非成员的否定结果被缓存，加人后必须立即变成成员
        assertFalse(isMember(g.getId(), outsider));
        assertEquals(4001, TestData.errorCode(() -> stub().getGroupMember(GetGroupMemberRequest.newBuilder()
                .setGroupId(g.getId()).setUserId(outsider).build())));
        AddGroupMembersResponse added = stub().addGroupMembers(AddGroupMembersRequest.newBuilder().setGroupId(g.getId())
                .addUserIds(outsider).addUserIds(m1).build());
        assertEquals(1, added.getAdded(), "an existing member is not added twice");
        assertEquals(4, added.getGroup().getMemberCount());
        assertTrue(isMember(g.getId(), outsider));
        assertEquals(4, stub().getGroup(GetGroupRequest.newBuilder().setGroupId(g.getId()).build()).getGroup().getMemberCount());

        // 显式角色会更新已有成员的角色
        stub().addGroupMembers(AddGroupMembersRequest.newBuilder().setGroupId(g.getId()).addUserIds(m1)
                .setRole(GroupRole.GROUP_ROLE_ADMIN).build());
        assertEquals(GroupRole.GROUP_ROLE_ADMIN, stub().getGroupMember(GetGroupMemberRequest.newBuilder()
                .setGroupId(g.getId()).setUserId(m1).build()).getMember().getRole());

        CheckMembershipResponse membership = TestData.deadline(ConversationServiceGrpc.newBlockingStub(channel))
                .checkMembership(CheckMembershipRequest.newBuilder().setUserId(outsider)
                        .setConversationId(g.getConversationId()).build());
        assertTrue(membership.getMember());
        assertEquals(ConversationType.CONVERSATION_TYPE_GROUP, membership.getType());
        assertEquals(4, membership.getMemberCount());

        assertTrue(stub().removeGroupMember(RemoveGroupMemberRequest.newBuilder().setGroupId(g.getId()).setUserId(outsider)
                .build()).getRemoved());
        assertFalse(isMember(g.getId(), outsider));
        assertFalse(stub().removeGroupMember(RemoveGroupMemberRequest.newBuilder().setGroupId(g.getId()).setUserId(outsider)
                .build()).getRemoved());
        assertEquals(3, stub().getGroup(GetGroupRequest.newBuilder().setGroupId(g.getId()).build()).getGroup().getMemberCount());
        assertEquals(1003, TestData.errorCode(() -> stub().removeGroupMember(RemoveGroupMemberRequest.newBuilder()
                .setGroupId(g.getId()).setUserId(owner).build())));
    }

    @Test
    void pagesMembersByUserIdAndEnforcesTheLimit() {
        long owner = TestData.newUser(channel);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(TestData.newUser(channel));
        }
        Group g = stub().createGroup(CreateGroupRequest.newBuilder().setName("page").setOwnerId(owner)
                .addAllMemberIds(ids).build()).getGroup();
        List<Long> seen = new ArrayList<>();
        long cursor = 0;
        GetGroupMembersResponse page;
        do {
            page = stub().getGroupMembers(GetGroupMembersRequest.newBuilder().setGroupId(g.getId())
                    .setAfterUserId(cursor).setLimit(2).build());
            assertEquals(5, page.getTotal());
            for (GroupMember m : page.getMembersList()) {
                seen.add(m.getUserId());
                cursor = m.getUserId();
            }
        } while (page.getHasMore());
        List<Long> expected = new ArrayList<>(ids);
        expected.add(owner);
        expected.sort(Long::compare);
        assertEquals(expected, seen);

        long extra1 = TestData.newUser(channel);
        long extra2 = TestData.newUser(channel);
        assertEquals(4002, TestData.errorCode(() -> stub().addGroupMembers(AddGroupMembersRequest.newBuilder()
                .setGroupId(g.getId()).addUserIds(extra1).addUserIds(extra2).build())));
        assertEquals(1, stub().addGroupMembers(AddGroupMembersRequest.newBuilder().setGroupId(g.getId())
                .addUserIds(extra1).build()).getAdded());
    }

    @Test
    void unknownIdsAndBadInput() {
        long owner = TestData.newUser(channel);
        long unknownGroup = Long.MAX_VALUE - 11;
        assertEquals(4000, TestData.errorCode(() -> stub().getGroup(GetGroupRequest.newBuilder().setGroupId(unknownGroup).build())));
        assertEquals(4000, TestData.errorCode(() -> isMember(unknownGroup, owner)));
        assertEquals(4000, TestData.errorCode(() -> stub().addGroupMembers(AddGroupMembersRequest.newBuilder()
                .setGroupId(unknownGroup).addUserIds(owner).build())));
        assertEquals(4000, TestData.errorCode(() -> stub().getGroupMembers(GetGroupMembersRequest.newBuilder()
                .setGroupId(unknownGroup).build())));
        assertEquals(1001, TestData.errorCode(() -> stub().createGroup(CreateGroupRequest.newBuilder().setOwnerId(owner).build())));
        assertEquals(2000, TestData.errorCode(() -> stub().createGroup(CreateGroupRequest.newBuilder().setName("x")
                .setOwnerId(owner).addMemberIds(Long.MAX_VALUE - 5).build())));
        assertEquals(1001, TestData.errorCode(() -> stub().getGroup(GetGroupRequest.newBuilder().build())));
        Group g = stub().createGroup(CreateGroupRequest.newBuilder().setName("x").setOwnerId(owner).build()).getGroup();
        assertEquals(1001, TestData.errorCode(() -> stub().addGroupMembers(AddGroupMembersRequest.newBuilder()
                .setGroupId(g.getId()).addUserIds(owner).setRole(GroupRole.GROUP_ROLE_OWNER).build())));
        assertEquals(1001, TestData.errorCode(() -> stub().getGroupMembers(GetGroupMembersRequest.newBuilder()
                .setGroupId(g.getId()).setLimit(1001).build())));
    }
}
