package com.acme.im.repo.group;

import com.acme.im.proto.common.v1.Group;
import com.acme.im.proto.common.v1.GroupMember;
import com.acme.im.proto.common.v1.GroupRole;
import com.acme.im.proto.repo.v1.AddGroupMembersRequest;
import com.acme.im.proto.repo.v1.AddGroupMembersResponse;
import com.acme.im.proto.repo.v1.CreateGroupRequest;
import com.acme.im.proto.repo.v1.CreateGroupResponse;
import com.acme.im.proto.repo.v1.GetGroupMemberRequest;
import com.acme.im.proto.repo.v1.GetGroupMemberResponse;
import com.acme.im.proto.repo.v1.GetGroupMembersRequest;
import com.acme.im.proto.repo.v1.GetGroupMembersResponse;
import com.acme.im.proto.repo.v1.GetGroupRequest;
import com.acme.im.proto.repo.v1.GetGroupResponse;
import com.acme.im.proto.repo.v1.GroupServiceGrpc;
import com.acme.im.proto.repo.v1.IsGroupMemberRequest;
import com.acme.im.proto.repo.v1.IsGroupMemberResponse;
import com.acme.im.proto.repo.v1.RemoveGroupMemberRequest;
import com.acme.im.proto.repo.v1.RemoveGroupMemberResponse;
import com.acme.im.proto.repo.v1.DissolveGroupRequest;
import com.acme.im.proto.repo.v1.DissolveGroupResponse;
import com.acme.im.proto.repo.v1.TransferGroupOwnershipRequest;
import com.acme.im.proto.repo.v1.TransferGroupOwnershipResponse;
import com.acme.im.proto.repo.v1.UpdateGroupMemberRequest;
import com.acme.im.proto.repo.v1.UpdateGroupMemberResponse;
import com.acme.im.proto.repo.v1.UpdateGroupSettingsRequest;
import com.acme.im.proto.repo.v1.UpdateGroupSettingsResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * GroupService 的 gRPC 端点：只做 protobuf 转换。
 */
@Singleton
public class GroupEndpoint extends GroupServiceGrpc.GroupServiceImplBase {

    private final GroupService groups;

    public GroupEndpoint(GroupService groups) {
        this.groups = groups;
    }

    @Override
    public void createGroup(CreateGroupRequest request, StreamObserver<CreateGroupResponse> observer) {
        GroupRecord g = groups.create(request.getName(), request.getOwnerId(), request.getMemberIdsList());
        observer.onNext(CreateGroupResponse.newBuilder().setGroup(toProto(g)).build());
        observer.onCompleted();
    }

    @Override
    public void getGroup(GetGroupRequest request, StreamObserver<GetGroupResponse> observer) {
        observer.onNext(GetGroupResponse.newBuilder().setGroup(toProto(groups.get(request.getGroupId()))).build());
        observer.onCompleted();
    }

    @Override
    public void addGroupMembers(AddGroupMembersRequest request, StreamObserver<AddGroupMembersResponse> observer) {
        // 未识别的枚举值（UNRECOGNIZED）按 -1 传入，由服务判为非法
        int role = request.getRole() == GroupRole.UNRECOGNIZED ? -1 : request.getRoleValue();
        GroupService.AddResult r = groups.addMembers(request.getGroupId(), request.getUserIdsList(), role);
        observer.onNext(AddGroupMembersResponse.newBuilder().setAdded(r.added()).setGroup(toProto(r.group())).build());
        observer.onCompleted();
    }

    @Override
    public void removeGroupMember(RemoveGroupMemberRequest request, StreamObserver<RemoveGroupMemberResponse> observer) {
        GroupService.RemoveResult r = groups.removeMember(request.getGroupId(), request.getUserId());
        observer.onNext(RemoveGroupMemberResponse.newBuilder().setRemoved(r.removed()).setGroup(toProto(r.group())).build());
        observer.onCompleted();
    }

    @Override
    public void getGroupMembers(GetGroupMembersRequest request, StreamObserver<GetGroupMembersResponse> observer) {
        MemberPage page = groups.members(request.getGroupId(), request.getAfterUserId(), request.getLimit());
        GetGroupMembersResponse.Builder out = GetGroupMembersResponse.newBuilder()
                .setHasMore(page.hasMore())
                .setTotal(page.total());
        page.members().forEach(m -> out.addMembers(toProto(m)));
        observer.onNext(out.build());
        observer.onCompleted();
    }

    @Override
    public void getGroupMember(GetGroupMemberRequest request, StreamObserver<GetGroupMemberResponse> observer) {
        MemberRecord m = groups.member(request.getGroupId(), request.getUserId());
        observer.onNext(GetGroupMemberResponse.newBuilder().setMember(toProto(m)).build());
        observer.onCompleted();
    }

    @Override
    public void isGroupMember(IsGroupMemberRequest request, StreamObserver<IsGroupMemberResponse> observer) {
        boolean member = groups.isMember(request.getGroupId(), request.getUserId());
        observer.onNext(IsGroupMemberResponse.newBuilder().setMember(member).build());
        observer.onCompleted();
    }

    @Override
    public void updateGroupSettings(UpdateGroupSettingsRequest request, StreamObserver<UpdateGroupSettingsResponse> observer) {
        GroupRecord g = groups.updateSettings(request.getGroupId(),
                request.hasAnnouncement() ? request.getAnnouncement() : null,
                request.hasAllMuted() ? request.getAllMuted() : null);
        observer.onNext(UpdateGroupSettingsResponse.newBuilder().setGroup(toProto(g)).build());
        observer.onCompleted();
    }

    @Override
    public void updateGroupMember(UpdateGroupMemberRequest request, StreamObserver<UpdateGroupMemberResponse> observer) {
        Integer role = null;
        if (request.hasRole()) {
            // 未识别的枚举值按 -1 传入，由服务判为非法
            role = request.getRole() == GroupRole.UNRECOGNIZED ? -1 : request.getRoleValue();
        }
        MemberRecord m = groups.updateMember(request.getGroupId(), request.getUserId(), role,
                request.hasMuted() ? request.getMuted() : null);
        observer.onNext(UpdateGroupMemberResponse.newBuilder().setMember(toProto(m)).build());
        observer.onCompleted();
    }

    @Override
    public void transferGroupOwnership(TransferGroupOwnershipRequest request,
                                       StreamObserver<TransferGroupOwnershipResponse> observer) {
        GroupRecord g = groups.transferOwnership(request.getGroupId(), request.getNewOwnerId());
        observer.onNext(TransferGroupOwnershipResponse.newBuilder().setGroup(toProto(g)).build());
        observer.onCompleted();
    }

    @Override
    public void dissolveGroup(DissolveGroupRequest request, StreamObserver<DissolveGroupResponse> observer) {
        observer.onNext(DissolveGroupResponse.newBuilder().setGroup(toProto(groups.dissolve(request.getGroupId()))).build());
        observer.onCompleted();
    }

    static Group toProto(GroupRecord g) {
        return Group.newBuilder()
                .setId(g.id())
                .setName(g.name())
                .setOwnerId(g.ownerId())
                .setMemberCount(g.memberCount())
                .setCreatedAt(g.createdAt())
                .setConversationId(g.conversationId())
                .setAnnouncement(g.announcement())
                .setAnnouncementAt(g.announcementAt())
                .setAllMuted(g.allMuted())
                .setDissolvedAt(g.dissolvedAt())
                .build();
    }

    static GroupMember toProto(MemberRecord m) {
        return GroupMember.newBuilder()
                .setGroupId(m.groupId())
                .setUserId(m.userId())
                .setRoleValue(m.role())
                .setJoinedAt(m.joinedAt())
                .setMuted(m.muted())
                .build();
    }
}
