package com.acme.im.logic.group;

import com.acme.im.proto.logic.v1.DissolveGroupRequest;
import com.acme.im.proto.logic.v1.GroupChangeResponse;
import com.acme.im.proto.logic.v1.GroupMemberChangeResponse;
import com.acme.im.proto.logic.v1.SetGroupAllMutedRequest;
import com.acme.im.proto.logic.v1.SetGroupAnnouncementRequest;
import com.acme.im.proto.logic.v1.SetGroupMemberMutedRequest;
import com.acme.im.proto.logic.v1.SetGroupMemberRoleRequest;
import com.acme.im.proto.logic.v1.TransferGroupOwnershipRequest;
import com.acme.im.proto.logic.v1.CreateGroupRequest;
import com.acme.im.proto.logic.v1.CreateGroupResponse;
import com.acme.im.proto.logic.v1.GetGroupMembersRequest;
import com.acme.im.proto.logic.v1.GetGroupMembersResponse;
import com.acme.im.proto.logic.v1.GetGroupRequest;
import com.acme.im.proto.logic.v1.GetGroupResponse;
import com.acme.im.proto.logic.v1.GroupServiceGrpc;
import com.acme.im.proto.logic.v1.JoinGroupRequest;
import com.acme.im.proto.logic.v1.JoinGroupResponse;
import com.acme.im.proto.logic.v1.LeaveGroupRequest;
import com.acme.im.proto.logic.v1.LeaveGroupResponse;
import com.acme.im.proto.repo.v1.AddGroupMembersResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * GroupService 的 gRPC 端点：只做协议转换。
 */
@Singleton
public class GroupEndpoint extends GroupServiceGrpc.GroupServiceImplBase {

    private final GroupService groups;

    public GroupEndpoint(GroupService groups) {
        this.groups = groups;
    }

    @Override
    public void createGroup(CreateGroupRequest request, StreamObserver<CreateGroupResponse> observer) {
        observer.onNext(CreateGroupResponse.newBuilder()
                .setGroup(groups.create(request.getUserId(), request.getName(), request.getMemberIdsList())).build());
        observer.onCompleted();
    }

    @Override
    public void getGroup(GetGroupRequest request, StreamObserver<GetGroupResponse> observer) {
        GroupView v = groups.get(request.getUserId(), request.getGroupId());
        observer.onNext(GetGroupResponse.newBuilder().setGroup(v.group()).setMyRole(v.myRole()).build());
        observer.onCompleted();
    }

    @Override
    public void joinGroup(JoinGroupRequest request, StreamObserver<JoinGroupResponse> observer) {
        AddGroupMembersResponse r = groups.join(request.getUserId(), request.getGroupId(), request.getMemberIdsList());
        observer.onNext(JoinGroupResponse.newBuilder().setGroup(r.getGroup()).setAdded(r.getAdded()).build());
        observer.onCompleted();
    }

    @Override
    public void leaveGroup(LeaveGroupRequest request, StreamObserver<LeaveGroupResponse> observer) {
        observer.onNext(LeaveGroupResponse.newBuilder()
                .setGroup(groups.leave(request.getUserId(), request.getGroupId(), request.getTargetUserId())).build());
        observer.onCompleted();
    }

    @Override
    public void getGroupMembers(GetGroupMembersRequest request, StreamObserver<GetGroupMembersResponse> observer) {
        var r = groups.members(request.getUserId(), request.getGroupId(), request.getAfterUserId(), request.getLimit());
        observer.onNext(GetGroupMembersResponse.newBuilder()
                .addAllMembers(r.getMembersList()).setHasMore(r.getHasMore()).setTotal(r.getTotal()).build());
        observer.onCompleted();
    }

    @Override
    public void setGroupMemberRole(SetGroupMemberRoleRequest request, StreamObserver<GroupMemberChangeResponse> observer) {
        observer.onNext(GroupMemberChangeResponse.newBuilder().setMember(groups.setRole(request.getUserId(),
                request.getGroupId(), request.getTargetUserId(), request.getRole())).build());
        observer.onCompleted();
    }

    @Override
    public void transferGroupOwnership(TransferGroupOwnershipRequest request, StreamObserver<GroupChangeResponse> observer) {
        observer.onNext(GroupChangeResponse.newBuilder().setGroup(groups.transfer(request.getUserId(),
                request.getGroupId(), request.getNewOwnerId())).build());
        observer.onCompleted();
    }

    @Override
    public void dissolveGroup(DissolveGroupRequest request, StreamObserver<GroupChangeResponse> observer) {
        observer.onNext(GroupChangeResponse.newBuilder()
                .setGroup(groups.dissolve(request.getUserId(), request.getGroupId())).build());
        observer.onCompleted();
    }

    @Override
    public void setGroupAnnouncement(SetGroupAnnouncementRequest request, StreamObserver<GroupChangeResponse> observer) {
        observer.onNext(GroupChangeResponse.newBuilder().setGroup(groups.setAnnouncement(request.getUserId(),
                request.getGroupId(), request.getAnnouncement())).build());
        observer.onCompleted();
    }

    @Override
    public void setGroupMemberMuted(SetGroupMemberMutedRequest request, StreamObserver<GroupMemberChangeResponse> observer) {
        observer.onNext(GroupMemberChangeResponse.newBuilder().setMember(groups.setMemberMuted(request.getUserId(),
                request.getGroupId(), request.getTargetUserId(), request.getMuted())).build());
        observer.onCompleted();
    }

    @Override
    public void setGroupAllMuted(SetGroupAllMutedRequest request, StreamObserver<GroupChangeResponse> observer) {
        observer.onNext(GroupChangeResponse.newBuilder().setGroup(groups.setAllMuted(request.getUserId(),
                request.getGroupId(), request.getMuted())).build());
        observer.onCompleted();
    }
}
