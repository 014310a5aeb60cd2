package com.acme.im.logic.group;

import com.acme.im.logic.repo.RepoClients;
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
 * 群组业务规则。权限：自己可加入、成员可邀请；自己可离开，群主/管理员可移除角色更低的成员。
 * 群主不能在还有其他成员时离开（返回 1003，需先移除他人），是最后一个成员时离开即解散。
 * 群会话 g_{id} 的会话记录由 repo 在建群、加人、移除成员的同一事务中维护（见 repo-app GroupService），
 * 这里不再重复调用 EnsureConversation / LeaveConversation。
 */
@Singleton
public class GroupService {

    /** 一次创建或邀请的人数上限，与 repo 批量查询用户的上限一致。 */
    static final int MAX_INVITE = 500;

    private final RepoClients repo;

    public GroupService(RepoClients repo) {
        this.repo = repo;
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
