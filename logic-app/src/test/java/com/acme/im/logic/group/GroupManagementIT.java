package com.acme.im.logic.group;

import com.acme.im.logic.support.LogicItSupport;
import com.acme.im.proto.common.v1.Group;
import com.acme.im.proto.common.v1.GroupRole;
import com.acme.im.proto.logic.v1.CreateGroupRequest;
import com.acme.im.proto.logic.v1.DissolveGroupRequest;
import com.acme.im.proto.logic.v1.GetGroupMembersRequest;
import com.acme.im.proto.logic.v1.GetGroupRequest;
import com.acme.im.proto.logic.v1.GetMessagesRequest;
import com.acme.im.proto.logic.v1.JoinGroupRequest;
import com.acme.im.proto.logic.v1.SetGroupAllMutedRequest;
import com.acme.im.proto.logic.v1.SetGroupAnnouncementRequest;
import com.acme.im.proto.logic.v1.SetGroupMemberMutedRequest;
import com.acme.im.proto.logic.v1.SetGroupMemberRoleRequest;
import com.acme.im.proto.logic.v1.TransferGroupOwnershipRequest;
import com.acme.im.runtime.error.GrpcErrors;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 群管理的权限表：每个操作分别由群主、管理员、普通成员、非成员调用，断言结果（0 为成功，否则为错误码）。
 * 每行用一个新群，互不影响；另测转让、解散后的只读与公告的可见性。
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupManagementIT extends LogicItSupport {

    private long owner;
    private long admin;
    private long admin2;
    private long member;
    private long member2;
    private long outsider;

    /** 一个操作：对给定的群与调用者执行。 */
    private interface Operation {
        void run(Members g, long caller);
    }

    /** 一行所用群的成员。 */
    private record Members(long groupId) {
    }

    @BeforeAll
    void users() {
        owner = register("mgowner").getUser().getId();
        admin = register("mgadmin").getUser().getId();
        admin2 = register("mgadmin2").getUser().getId();
        member = register("mgmember").getUser().getId();
        member2 = register("mgmember2").getUser().getId();
        outsider = register("mgoutsider").getUser().getId();
    }

    private Members freshGroup() {
        Group g = groups().createGroup(CreateGroupRequest.newBuilder().setUserId(owner).setName("managed " + run)
                .addMemberIds(admin).addMemberIds(admin2).addMemberIds(member).addMemberIds(member2).build()).getGroup();
        for (long a : new long[]{admin, admin2}) {
            groups().setGroupMemberRole(SetGroupMemberRoleRequest.newBuilder().setUserId(owner).setGroupId(g.getId())
                    .setTargetUserId(a).setRole(GroupRole.GROUP_ROLE_ADMIN).build());
        }
        return new Members(g.getId());
    }

    /** 0 表示成功，否则为错误码。 */
    private static int outcome(Runnable call) {
        try {
            call.run();
            return 0;
        } catch (RuntimeException e) {
            return GrpcErrors.fromThrowable(e).code();
        }
    }

    private GroupRole roleOf(long user, long groupId) {
        return groups().getGroup(GetGroupRequest.newBuilder().setUserId(user).setGroupId(groupId).build()).getMyRole();
    }

    @Test
    void permissionTable() {
        Map<String, Operation> ops = new java.util.LinkedHashMap<>();
        ops.put("promote member", (g, c) -> groups().setGroupMemberRole(SetGroupMemberRoleRequest.newBuilder()
                .setUserId(c).setGroupId(g.groupId()).setTargetUserId(member).setRole(GroupRole.GROUP_ROLE_ADMIN).build()));
        ops.put("demote admin", (g, c) -> groups().setGroupMemberRole(SetGroupMemberRoleRequest.newBuilder()
                .setUserId(c).setGroupId(g.groupId()).setTargetUserId(admin2).setRole(GroupRole.GROUP_ROLE_MEMBER).build()));
        ops.put("transfer", (g, c) -> groups().transferGroupOwnership(TransferGroupOwnershipRequest.newBuilder()
                .setUserId(c).setGroupId(g.groupId()).setNewOwnerId(member2).build()));
        ops.put("dissolve", (g, c) -> groups().dissolveGroup(DissolveGroupRequest.newBuilder()
                .setUserId(c).setGroupId(g.groupId()).build()));
        ops.put("announcement", (g, c) -> groups().setGroupAnnouncement(SetGroupAnnouncementRequest.newBuilder()
                .setUserId(c).setGroupId(g.groupId()).setAnnouncement("notice").build()));
        ops.put("mute member", (g, c) -> groups().setGroupMemberMuted(SetGroupMemberMutedRequest.newBuilder()
                .setUserId(c).setGroupId(g.groupId()).setTargetUserId(member2).setMuted(true).build()));
        ops.put("mute admin", (g, c) -> groups().setGroupMemberMuted(SetGroupMemberMutedRequest.newBuilder()
                .setUserId(c).setGroupId(g.groupId()).setTargetUserId(admin2).setMuted(true).build()));
        ops.put("mute owner", (g, c) -> groups().setGroupMemberMuted(SetGroupMemberMutedRequest.newBuilder()
                .setUserId(c).setGroupId(g.groupId()).setTargetUserId(owner).setMuted(true).build()));
        ops.put("mute all", (g, c) -> groups().setGroupAllMuted(SetGroupAllMutedRequest.newBuilder()
                .setUserId(c).setGroupId(g.groupId()).setMuted(true).build()));

        // 期望：群主、管理员、普通成员、非成员
        Map<String, int[]> expected = Map.of(
                "promote member", new int[]{0, 1003, 1003, 4001},
                "demote admin", new int[]{0, 1003, 1003, 4001},
                "transfer", new int[]{0, 1003, 1003, 4001},
                "dissolve", new int[]{0, 1003, 1003, 4001},
                "announcement", new int[]{0, 0, 1003, 4001},
                "mute member", new int[]{0, 0, 1003, 4001},
                "mute admin", new int[]{0, 1003, 1003, 4001},
                "mute owner", new int[]{1003, 1003, 1003, 4001},
                "mute all", new int[]{0, 0, 1003, 4001});
        String[] names = {"owner", "admin", "member", "non-member"};
        List<String> mismatches = new ArrayList<>();
        ops.forEach((name, op) -> {
            long[] callers = {owner, admin, member, outsider};
            for (int i = 0; i < callers.length; i++) {
                Members g = freshGroup();
                long caller = callers[i];
                int code = outcome(() -> op.run(g, caller));
                if (code != expected.get(name)[i]) {
                    mismatches.add(name + " by " + names[i] + ": expected " + expected.get(name)[i] + " got " + code);
                }
            }
        });
        assertEquals(List.of(), mismatches);
    }

    @Test
    void transferDissolveAndAnnouncement() {
        Members g = freshGroup();
        long id = g.groupId();
        Group announced = groups().setGroupAnnouncement(SetGroupAnnouncementRequest.newBuilder().setUserId(admin)
                .setGroupId(id).setAnnouncement("  release on friday ").build()).getGroup();
        assertEquals("release on friday", announced.getAnnouncement());
        // 群信息对成员返回公告
        assertEquals("release on friday", groups().getGroup(GetGroupRequest.newBuilder().setUserId(member)
                .setGroupId(id).build()).getGroup().getAnnouncement());
        assertEquals(1001, errorCodeOf(() -> groups().setGroupAnnouncement(SetGroupAnnouncementRequest.newBuilder()
                .setUserId(owner).setGroupId(id).setAnnouncement("x".repeat(1025)).build())));
        assertEquals(1001, errorCodeOf(() -> groups().setGroupMemberRole(SetGroupMemberRoleRequest.newBuilder()
                .setUserId(owner).setGroupId(id).setTargetUserId(member).setRole(GroupRole.GROUP_ROLE_OWNER).build())));
        assertEquals(4001, errorCodeOf(() -> groups().transferGroupOwnership(TransferGroupOwnershipRequest.newBuilder()
                .setUserId(owner).setGroupId(id).setNewOwnerId(outsider).build())));

        // 转让：原群主变管理员，新群主拥有群主权限，原群主失去
        Group transferred = groups().transferGroupOwnership(TransferGroupOwnershipRequest.newBuilder()
                .setUserId(owner).setGroupId(id).setNewOwnerId(member).build()).getGroup();
        assertEquals(member, transferred.getOwnerId());
        assertEquals(GroupRole.GROUP_ROLE_ADMIN, roleOf(owner, id));
        assertEquals(GroupRole.GROUP_ROLE_OWNER, roleOf(member, id));
        assertEquals(1003, errorCodeOf(() -> groups().dissolveGroup(DissolveGroupRequest.newBuilder()
                .setUserId(owner).setGroupId(id).build())));

        // 解散：历史与成员仍可读，之后的管理操作与加人返回 4003
        Group dissolved = groups().dissolveGroup(DissolveGroupRequest.newBuilder().setUserId(member).setGroupId(id).build())
                .getGroup();
        assertTrue(dissolved.getDissolvedAt() > 0);
        conversations().getMessages(GetMessagesRequest.newBuilder().setUserId(admin)
                .setConversationId(dissolved.getConversationId()).build());
        assertEquals(5, groups().getGroupMembers(GetGroupMembersRequest.newBuilder().setUserId(admin).setGroupId(id).build())
                .getTotal());
        assertEquals(4003, errorCodeOf(() -> groups().setGroupAnnouncement(SetGroupAnnouncementRequest.newBuilder()
                .setUserId(member).setGroupId(id).setAnnouncement("again").build())));
        assertEquals(4003, errorCodeOf(() -> groups().joinGroup(JoinGroupRequest.newBuilder()
                .setUserId(outsider).setGroupId(id).build())));
        assertEquals(4003, errorCodeOf(() -> groups().dissolveGroup(DissolveGroupRequest.newBuilder()
                .setUserId(member).setGroupId(id).build())));
    }
}
