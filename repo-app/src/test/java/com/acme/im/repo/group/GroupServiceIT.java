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
import com.acme.im.proto.repo.v1.CheckMembershipsRequest;
import com.acme.im.proto.repo.v1.DissolveGroupRequest;
import com.acme.im.proto.repo.v1.TransferGroupOwnershipRequest;
import com.acme.im.proto.repo.v1.UpdateGroupMemberRequest;
import com.acme.im.proto.repo.v1.UpdateGroupSettingsRequest;
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

    private CheckMembershipResponse check(long user, Group g) {
        // 走批量接口：发消息路径用的就是它
        return TestData.deadline(ConversationServiceGrpc.newBlockingStub(channel))
                .checkMemberships(CheckMembershipsRequest.newBuilder().addChecks(CheckMembershipRequest.newBuilder()
                        .setUserId(user).setConversationId(g.getConversationId())).build())
                .getResults(0).getMembership();
    }

    @Test
    void managementChangesShowUpInTheCachedMembershipCheck() {
        long owner = TestData.newUser(channel);
        long admin = TestData.newUser(channel);
        long member = TestData.newUser(channel);
        Group g = stub().createGroup(CreateGroupRequest.newBuilder().setName("managed").setOwnerId(owner)
                .addMemberIds(admin).addMemberIds(member).build()).getGroup();
        // 先读一次，让缓存里有旧状态；之后的每次变更都必须立即可见
        assertEquals(GroupRole.GROUP_ROLE_MEMBER, check(admin, g).getGroupRole());
        assertFalse(check(member, g).getMuted());

        GroupMember promoted = stub().updateGroupMember(UpdateGroupMemberRequest.newBuilder().setGroupId(g.getId())
                .setUserId(admin).setRole(GroupRole.GROUP_ROLE_ADMIN).build()).getMember();
        assertEquals(GroupRole.GROUP_ROLE_ADMIN, promoted.getRole());
        assertEquals(GroupRole.GROUP_ROLE_ADMIN, check(admin, g).getGroupRole());

        // 单独禁言
        assertTrue(stub().updateGroupMember(UpdateGroupMemberRequest.newBuilder().setGroupId(g.getId())
                .setUserId(member).setMuted(true).build()).getMember().getMuted());
        assertTrue(check(member, g).getMuted());
        stub().updateGroupMember(UpdateGroupMemberRequest.newBuilder().setGroupId(g.getId()).setUserId(member).setMuted(false).build());
        assertFalse(check(member, g).getMuted());

        // 全员禁言只限制普通成员
        Group muted = stub().updateGroupSettings(UpdateGroupSettingsRequest.newBuilder().setGroupId(g.getId())
                .setAllMuted(true).setAnnouncement("  hello  ").build()).getGroup();
        assertTrue(muted.getAllMuted());
        assertEquals("hello", muted.getAnnouncement());
        assertTrue(muted.getAnnouncementAt() > 0);
        assertTrue(check(member, g).getMuted());
        assertFalse(check(admin, g).getMuted());
        assertFalse(check(owner, g).getMuted());
        // 只改给出的字段
        Group unchanged = stub().updateGroupSettings(UpdateGroupSettingsRequest.newBuilder().setGroupId(g.getId())
                .setAllMuted(false).build()).getGroup();
        assertEquals("hello", unchanged.getAnnouncement());
        assertFalse(check(member, g).getMuted());

        // 转让：原群主变为管理员；群主角色不能直接改
        Group transferred = stub().transferGroupOwnership(TransferGroupOwnershipRequest.newBuilder()
                .setGroupId(g.getId()).setNewOwnerId(member).build()).getGroup();
        assertEquals(member, transferred.getOwnerId());
        assertEquals(GroupRole.GROUP_ROLE_OWNER, check(member, g).getGroupRole());
        assertEquals(GroupRole.GROUP_ROLE_ADMIN, check(owner, g).getGroupRole());
        assertEquals(1003, TestData.errorCode(() -> stub().updateGroupMember(UpdateGroupMemberRequest.newBuilder()
                .setGroupId(g.getId()).setUserId(member).setRole(GroupRole.GROUP_ROLE_MEMBER).build())));
        assertEquals(1001, TestData.errorCode(() -> stub().updateGroupMember(UpdateGroupMemberRequest.newBuilder()
                .setGroupId(g.getId()).setUserId(admin).setRole(GroupRole.GROUP_ROLE_OWNER).build())));
        long outsider = TestData.newUser(channel);
        assertEquals(4001, TestData.errorCode(() -> stub().transferGroupOwnership(TransferGroupOwnershipRequest.newBuilder()
                .setGroupId(g.getId()).setNewOwnerId(outsider).build())));
        assertEquals(1001, TestData.errorCode(() -> stub().updateGroupSettings(UpdateGroupSettingsRequest.newBuilder()
                .setGroupId(g.getId()).setAnnouncement("x".repeat(1025)).build())));

        // 解散：成员关系保留（可读），检查结果标记为已解散；之后的修改与加人返回 4003
        long dissolvedAt = stub().dissolveGroup(DissolveGroupRequest.newBuilder().setGroupId(g.getId()).build())
                .getGroup().getDissolvedAt();
        assertTrue(dissolvedAt > 0);
        assertEquals(dissolvedAt, stub().dissolveGroup(DissolveGroupRequest.newBuilder().setGroupId(g.getId()).build())
                .getGroup().getDissolvedAt(), "dissolving twice keeps the first time");
        assertTrue(check(admin, g).getMember());
        assertTrue(check(admin, g).getDissolved());
        assertEquals(4003, TestData.errorCode(() -> stub().addGroupMembers(AddGroupMembersRequest.newBuilder()
                .setGroupId(g.getId()).addUserIds(outsider).build())));
        assertEquals(4003, TestData.errorCode(() -> stub().updateGroupSettings(UpdateGroupSettingsRequest.newBuilder()
                .setGroupId(g.getId()).setAnnouncement("late").build())));
        assertEquals(4000, TestData.errorCode(() -> stub().dissolveGroup(DissolveGroupRequest.newBuilder()
                .setGroupId(g.getId() + 1_000_000).build())));
    }
}
