package com.acme.im.logic.group;

import com.acme.im.logic.support.LogicItSupport;
import com.acme.im.proto.common.v1.Group;
import com.acme.im.proto.common.v1.GroupMember;
import com.acme.im.proto.common.v1.GroupRole;
import com.acme.im.proto.logic.v1.CreateGroupRequest;
import com.acme.im.proto.logic.v1.GetGroupMembersRequest;
import com.acme.im.proto.logic.v1.GetGroupRequest;
import com.acme.im.proto.logic.v1.GetMessagesRequest;
import com.acme.im.proto.logic.v1.JoinGroupRequest;
import com.acme.im.proto.logic.v1.LeaveGroupRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 群组规则：创建、查看、加入/邀请、离开/移除、成员可见性，经 gRPC 与真实 repo-app。
 */
@MicronautTest
class GroupFlowIT extends LogicItSupport {

    private GroupRole roleOf(long user, long groupId) {
        return groups().getGroup(GetGroupRequest.newBuilder().setUserId(user).setGroupId(groupId).build()).getMyRole();
    }

    private List<Long> memberIds(long caller, long groupId) {
        return groups().getGroupMembers(GetGroupMembersRequest.newBuilder().setUserId(caller).setGroupId(groupId).build())
                .getMembersList().stream().map(GroupMember::getUserId).toList();
    }

    @Test
    void membershipRules() {
        long owner = register("gowner").getUser().getId();
        long bob = register("gbob").getUser().getId();
        long carol = register("gcarol").getUser().getId();
        long dave = register("gdave").getUser().getId();

        Group g = groups().createGroup(CreateGroupRequest.newBuilder().setUserId(owner).setName("  team " + run + " ")
                .addMemberIds(bob).addMemberIds(bob).addMemberIds(owner).build()).getGroup();
        assertEquals("team " + run, g.getName());
        assertEquals(2, g.getMemberCount());
        assertEquals("g_" + g.getId(), g.getConversationId());
        assertEquals(GroupRole.GROUP_ROLE_OWNER, roleOf(owner, g.getId()));
        assertEquals(GroupRole.GROUP_ROLE_MEMBER, roleOf(bob, g.getId()));
        // 非成员能看群信息，但看不到成员与消息
        assertEquals(GroupRole.GROUP_ROLE_UNSPECIFIED, roleOf(carol, g.getId()));
        assertEquals(4001, errorCodeOf(() -> memberIds(carol, g.getId())));
        assertEquals(4001, errorCodeOf(() -> conversations().getMessages(GetMessagesRequest.newBuilder()
                .setUserId(carol).setConversationId(g.getConversationId()).build())));

        // 自己加入；非成员不能邀请别人；成员可以邀请
        assertEquals(1, groups().joinGroup(JoinGroupRequest.newBuilder().setUserId(carol).setGroupId(g.getId()).build()).getAdded());
        assertEquals(0, groups().joinGroup(JoinGroupRequest.newBuilder().setUserId(carol).setGroupId(g.getId()).build()).getAdded());
        assertEquals(4001, errorCodeOf(() -> groups().joinGroup(JoinGroupRequest.newBuilder()
                .setUserId(dave).setGroupId(g.getId()).addMemberIds(owner + 1_000_000_000L).build())));
        assertEquals(2000, errorCodeOf(() -> groups().joinGroup(JoinGroupRequest.newBuilder()
                .setUserId(bob).setGroupId(g.getId()).addMemberIds(9_000_000_000L).build())));
        assertEquals(1, groups().joinGroup(JoinGroupRequest.newBuilder()
                .setUserId(bob).setGroupId(g.getId()).addMemberIds(dave).build()).getAdded());
        assertEquals(List.of(owner, bob, carol, dave).stream().sorted().toList(), memberIds(dave, g.getId()));

        // 普通成员不能移除别人；群主在还有他人时不能离开；群主可移除成员；成员可自行离开
        assertEquals(1003, errorCodeOf(() -> groups().leaveGroup(LeaveGroupRequest.newBuilder()
                .setUserId(carol).setGroupId(g.getId()).setTargetUserId(bob).build())));
        assertEquals(1003, errorCodeOf(() -> groups().leaveGroup(LeaveGroupRequest.newBuilder()
                .setUserId(owner).setGroupId(g.getId()).build())));
        assertEquals(3, groups().leaveGroup(LeaveGroupRequest.newBuilder()
                .setUserId(owner).setGroupId(g.getId()).setTargetUserId(carol).build()).getGroup().getMemberCount());
        assertEquals(2, groups().leaveGroup(LeaveGroupRequest.newBuilder()
                .setUserId(dave).setGroupId(g.getId()).setTargetUserId(dave).build()).getGroup().getMemberCount());
        assertEquals(4001, errorCodeOf(() -> groups().leaveGroup(LeaveGroupRequest.newBuilder()
                .setUserId(dave).setGroupId(g.getId()).build())));
        assertEquals(GroupRole.GROUP_ROLE_UNSPECIFIED, roleOf(carol, g.getId()));
    }

    @Test
    void invalidCreateRequests() {
        long owner = register("gowner2").getUser().getId();
        assertEquals(1001, errorCodeOf(() -> groups().createGroup(CreateGroupRequest.newBuilder().setUserId(owner).setName(" ").build())));
        assertEquals(1001, errorCodeOf(() -> groups().createGroup(CreateGroupRequest.newBuilder().setUserId(owner)
                .setName("x".repeat(65)).build())));
        assertEquals(2000, errorCodeOf(() -> groups().createGroup(CreateGroupRequest.newBuilder().setUserId(owner)
                .setName("ghosts").addMemberIds(9_000_000_001L).build())));
        assertEquals(4000, errorCodeOf(() -> groups().getGroup(GetGroupRequest.newBuilder().setUserId(owner).setGroupId(9_000_000_001L).build())));
    }
}
