package com.acme.im.logic.group;

import com.acme.im.logic.repo.RepoClients;
import com.acme.im.logic.revision.ConversationNotifier;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.GroupUpdatedEvent;
import com.acme.im.proto.repo.v1.DissolveGroupRequest;
import com.acme.im.proto.repo.v1.TransferGroupOwnershipRequest;
import com.acme.im.proto.repo.v1.UpdateGroupMemberRequest;
import com.acme.im.proto.repo.v1.UpdateGroupSettingsRequest;
import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.proto.common.v1.Group;
import com.acme.im.proto.common.v1.GroupMember;
import com.acme.im.proto.common.v1.GroupRole;
import com.acme.im.proto.common.v1.User;
import com.acme.im.proto.repo.v1.AddGroupMembersRequest;
import com.acme.im.proto.repo.v1.AddGroupMembersResponse;
import com.acme.im.proto.repo.v1.CreateGroupRequest;
import com.acme.im.proto.repo.v1.GetGroupMemberRequest;
import com.acme.im.proto.repo.v1.GetGroupMembersRequest;
import com.acme.im.proto.repo.v1.GetGroupMembersResponse;
import com.acme.im.proto.repo.v1.GetGroupRequest;
import com.acme.im.proto.repo.v1.GetUsersRequest;
import com.acme.im.proto.repo.v1.RemoveGroupMemberRequest;
import com.acme.im.proto.repo.v1.RemoveGroupMemberResponse;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.GrpcErrors;
import com.acme.im.runtime.error.ImException;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * 群组业务规则。权限：自己可加入、成员可邀请；自己可离开，群主/管理员可移除、禁言角色更低的成员；
 * 群主可任免管理员、转让、解散；群主/管理员可改公告与全员禁言。管理变更以 group-updated 通知在线成员。
 * 群主不能在还有其他成员时离开（返回 1003，需先移除他人），是最后一个成员时离开即解散。
 * 群会话 g_{id} 的会话记录由 repo 在建群、加人、移除成员的同一事务中维护（见 repo-app GroupService），
 * 这里不再重复调用 EnsureConversation / LeaveConversation。
 */
@Singleton
public class GroupService {

    /** 一次创建或邀请的人数上限，与 repo 批量查询用户的上限一致。 */
    static final int MAX_INVITE = 500;

    /** 群公告最大字符数，与 repo 的表列一致。 */
    static final int MAX_ANNOUNCEMENT = 1024;

    private final RepoClients repo;
    private final ConversationNotifier notifier;

    public GroupService(RepoClients repo, ConversationNotifier notifier) {
        this.repo = repo;
        this.notifier = notifier;
    }

    /** 创建群组：名称 1-64 字符，初始成员必须都存在（否则 2000），创建者成为群主。 */
    public Group create(long userId, String name, Collection<Long> memberIds) {
        String trimmed = name == null ? "" : name.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < 1 || length > 64) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "group name must be 1-64 characters");
        }
        Set<Long> members = distinctOthers(userId, memberIds);
        requireUsersExist(members);
        Group group = repo.groups().createGroup(CreateGroupRequest.newBuilder()
                .setName(trimmed).setOwnerId(userId).addAllMemberIds(members).build()).getGroup();
        return group;
    }

    /** 群信息对任何人可见；调用者角色在非成员时为 UNSPECIFIED。 */
    public GroupView get(long userId, long groupId) {
        Group group = loadGroup(groupId);
        GroupRole role = findMember(groupId, userId).map(GroupMember::getRole).orElse(GroupRole.GROUP_ROLE_UNSPECIFIED);
        return new GroupView(group, role);
    }

    /** 自己加入（member_ids 为空或只含自己）或由成员邀请他人。 */
    public AddGroupMembersResponse join(long userId, long groupId, Collection<Long> memberIds) {
        loadGroup(groupId);
        Set<Long> others = distinctOthers(userId, memberIds);
        List<Long> toAdd;
        if (others.isEmpty()) {
            toAdd = List.of(userId);
        } else {
            requireMember(groupId, userId);
            requireUsersExist(others);
            toAdd = new ArrayList<>(others);
            if (memberIds.contains(userId)) {
                // 调用者已是成员，列表里带上自己也无害
                toAdd.add(userId);
            }
        }
        AddGroupMembersResponse r = repo.groups().addGroupMembers(AddGroupMembersRequest.newBuilder()
                .setGroupId(groupId).addAllUserIds(toAdd).setRole(GroupRole.GROUP_ROLE_MEMBER).build());
        return r;
    }

    /** 离开或移除成员，规则见类注释。 */
    public Group leave(long userId, long groupId, long targetUserId) {
        Group group = loadGroup(groupId);
        long target = targetUserId == 0 ? userId : targetUserId;
        GroupMember me = requireMember(groupId, userId);
        if (target == userId) {
            if (me.getRole() == GroupRole.GROUP_ROLE_OWNER && group.getMemberCount() > 1) {
                throw new ImException(ErrorCode.FORBIDDEN, "the owner cannot leave while other members remain");
            }
        } else {
            GroupMember other = findMember(groupId, target)
                    .orElseThrow(() -> new ImException(ErrorCode.NOT_GROUP_MEMBER, "target user is not a group member"));
            if (me.getRole().getNumber() <= other.getRole().getNumber()
                    || me.getRole().getNumber() < GroupRole.GROUP_ROLE_ADMIN_VALUE) {
                throw new ImException(ErrorCode.FORBIDDEN, "only the owner or an admin can remove a lower-ranked member");
            }
        }
        RemoveGroupMemberResponse r = repo.groups().removeGroupMember(RemoveGroupMemberRequest.newBuilder()
                .setGroupId(groupId).setUserId(target).build());
        return r.hasGroup() ? r.getGroup() : group;
    }

    /** 成员分页，仅成员可见；页大小 1..200，默认 50。 */
    public GetGroupMembersResponse members(long userId, long groupId, long afterUserId, int limit) {
        if (limit < 0 || limit > 200 || afterUserId < 0) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "limit must be 1..200");
        }
        loadGroup(groupId);
        requireMember(groupId, userId);
        return repo.groups().getGroupMembers(GetGroupMembersRequest.newBuilder()
                .setGroupId(groupId).setAfterUserId(afterUserId).setLimit(limit == 0 ? 50 : limit).build());
    }

    /** 设为管理员或降为普通成员：仅群主；群主自己的角色只能经转让改变。 */
    public GroupMember setRole(long userId, long groupId, long targetUserId, GroupRole role) {
        if (role != GroupRole.GROUP_ROLE_MEMBER && role != GroupRole.GROUP_ROLE_ADMIN) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "role must be member or admin");
        }
        Group group = loadActiveGroup(groupId);
        requireRole(groupId, userId, GroupRole.GROUP_ROLE_OWNER, "only the owner can change roles");
        GroupMember target = requireTarget(groupId, targetUserId);
        if (target.getRole() == GroupRole.GROUP_ROLE_OWNER) {
            throw new ImException(ErrorCode.FORBIDDEN, "the owner's role changes only by transferring ownership");
        }
        GroupMember updated = repo.groups().updateGroupMember(UpdateGroupMemberRequest.newBuilder()
                .setGroupId(groupId).setUserId(targetUserId).setRole(role).build()).getMember();
        notifyChange(group, "role", userId, updated);
        return updated;
    }

    /** 转让群主：仅群主，新群主须是成员；原群主变为管理员。 */
    public Group transfer(long userId, long groupId, long newOwnerId) {
        loadActiveGroup(groupId);
        requireRole(groupId, userId, GroupRole.GROUP_ROLE_OWNER, "only the owner can transfer ownership");
        if (newOwnerId == userId) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "the new owner must be another member");
        }
        requireTarget(groupId, newOwnerId);
        Group updated = repo.groups().transferGroupOwnership(TransferGroupOwnershipRequest.newBuilder()
                .setGroupId(groupId).setNewOwnerId(newOwnerId).build()).getGroup();
        GroupMember newOwner = GroupMember.newBuilder().setGroupId(groupId).setUserId(newOwnerId)
                .setRole(GroupRole.GROUP_ROLE_OWNER).build();
        notifyChange(updated, "owner", userId, newOwner);
        return updated;
    }

    /** 解散：仅群主；成员关系保留，会话只读（发消息 4003），历史仍可读。 */
    public Group dissolve(long userId, long groupId) {
        loadActiveGroup(groupId);
        requireRole(groupId, userId, GroupRole.GROUP_ROLE_OWNER, "only the owner can dissolve the group");
        Group updated = repo.groups().dissolveGroup(DissolveGroupRequest.newBuilder().setGroupId(groupId).build()).getGroup();
        notifyChange(updated, "dissolved", userId, null);
        return updated;
    }

    /**
     * 管理后台解散任意群：不要求是群主（权限由管理员令牌保证），其余与群主解散相同——会话只读、通知在线成员。
     * actor_id 为 0 表示不是某个用户做的。不存在 4000，已解散 4003。
     */
    public Group dissolveByAdmin(long groupId) {
        loadActiveGroup(groupId);
        Group updated = repo.groups().dissolveGroup(DissolveGroupRequest.newBuilder().setGroupId(groupId).build()).getGroup();
        notifyChange(updated, "dissolved", 0, null);
        return updated;
    }

    /** 设置公告：群主或管理员；1024 字符以内，空串表示清除。 */
    public Group setAnnouncement(long userId, long groupId, String announcement) {
        String text = announcement == null ? "" : announcement.strip();
        if (text.codePointCount(0, text.length()) > MAX_ANNOUNCEMENT) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "announcement must be at most " + MAX_ANNOUNCEMENT + " characters");
        }
        loadActiveGroup(groupId);
        requireRole(groupId, userId, GroupRole.GROUP_ROLE_ADMIN, "only the owner or an admin can set the announcement");
        Group updated = repo.groups().updateGroupSettings(UpdateGroupSettingsRequest.newBuilder()
                .setGroupId(groupId).setAnnouncement(text).build()).getGroup();
        notifyChange(updated, "announcement", userId, null);
        return updated;
    }

    /** 禁言/解禁成员：群主或管理员，且只能针对角色更低的成员（管理员不能禁言群主或其他管理员）。 */
    public GroupMember setMemberMuted(long userId, long groupId, long targetUserId, boolean muted) {
        Group group = loadActiveGroup(groupId);
        GroupMember me = requireRole(groupId, userId, GroupRole.GROUP_ROLE_ADMIN,
                "only the owner or an admin can mute members");
        GroupMember target = requireTarget(groupId, targetUserId);
        if (me.getRole().getNumber() <= target.getRole().getNumber()) {
            throw new ImException(ErrorCode.FORBIDDEN, "only a lower-ranked member can be muted");
        }
        GroupMember updated = repo.groups().updateGroupMember(UpdateGroupMemberRequest.newBuilder()
                .setGroupId(groupId).setUserId(targetUserId).setMuted(muted).build()).getMember();
        notifyChange(group, "member_muted", userId, updated);
        return updated;
    }

    /** 全员禁言开关：群主或管理员；他们自己发言不受限。 */
    public Group setAllMuted(long userId, long groupId, boolean muted) {
        loadActiveGroup(groupId);
        requireRole(groupId, userId, GroupRole.GROUP_ROLE_ADMIN, "only the owner or an admin can mute the group");
        Group updated = repo.groups().updateGroupSettings(UpdateGroupSettingsRequest.newBuilder()
                .setGroupId(groupId).setAllMuted(muted).build()).getGroup();
        notifyChange(updated, "all_muted", userId, null);
        return updated;
    }

    private Group loadActiveGroup(long groupId) {
        Group group = loadGroup(groupId);
        if (group.getDissolvedAt() != 0) {
            throw new ImException(ErrorCode.GROUP_DISSOLVED, "the group is dissolved");
        }
        return group;
    }

    /** 调用者须是成员（4001）且角色不低于 minimum（1003）。 */
    private GroupMember requireRole(long groupId, long userId, GroupRole minimum, String denied) {
        GroupMember me = requireMember(groupId, userId);
        if (me.getRole().getNumber() < minimum.getNumber()) {
            throw new ImException(ErrorCode.FORBIDDEN, denied);
        }
        return me;
    }

    private GroupMember requireTarget(long groupId, long targetUserId) {
        if (targetUserId <= 0) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "target user id must be positive");
        }
        return findMember(groupId, targetUserId)
                .orElseThrow(() -> new ImException(ErrorCode.NOT_GROUP_MEMBER, "target user is not a group member"));
    }

    /** 通知群的在线成员（含操作者的其他设备）；通知失败不影响已提交的变更，客户端重新拉群信息即可。 */
    private void notifyChange(Group group, String change, long actorId, GroupMember member) {
        GroupUpdatedEvent.Builder event = GroupUpdatedEvent.newBuilder()
                .setGroup(group).setChange(change).setActorId(actorId);
        if (member != null) {
            event.setTargetUserId(member.getUserId()).setMember(member);
        }
        notifier.notifyOnline(ConversationId.group(group.getId()),
                DownstreamDelivery.newBuilder().setGroupUpdated(event).build(), 0);
    }

    private Group loadGroup(long groupId) {
        if (groupId <= 0) {
            throw new ImException(ErrorCode.GROUP_NOT_FOUND, "group not found");
        }
        return repo.groups().getGroup(GetGroupRequest.newBuilder().setGroupId(groupId).build()).getGroup();
    }

    private GroupMember requireMember(long groupId, long userId) {
        return findMember(groupId, userId).orElseThrow(() -> new ImException(ErrorCode.NOT_GROUP_MEMBER, "not a group member"));
    }

    private Optional<GroupMember> findMember(long groupId, long userId) {
        try {
            return Optional.of(repo.groups().getGroupMember(GetGroupMemberRequest.newBuilder()
                    .setGroupId(groupId).setUserId(userId).build()).getMember());
        } catch (StatusRuntimeException e) {
            if (GrpcErrors.fromThrowable(e).errorCode() == ErrorCode.NOT_GROUP_MEMBER) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Set<Long> distinctOthers(long userId, Collection<Long> ids) {
        Set<Long> result = new LinkedHashSet<>();
        for (Long id : ids) {
            if (id == null || id <= 0) {
                throw new ImException(ErrorCode.INVALID_PARAMETER, "member ids must be positive");
            }
            if (id != userId) {
                result.add(id);
            }
        }
        if (result.size() > MAX_INVITE) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "at most " + MAX_INVITE + " members at once");
        }
        return result;
    }

    private void requireUsersExist(Set<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<User> found = repo.users().getUsers(GetUsersRequest.newBuilder().addAllUserIds(ids).build()).getUsersList();
        if (found.size() < ids.size()) {
            Set<Long> missing = new LinkedHashSet<>(ids);
            found.forEach(u -> missing.remove(u.getId()));
            throw new ImException(ErrorCode.USER_NOT_FOUND, "users not found: " + missing);
        }
    }
}
