package com.acme.im.repo.conversation;

import com.acme.im.proto.common.v1.Conversation;
import com.acme.im.proto.common.v1.ConversationType;
import com.acme.im.proto.repo.v1.CheckMembershipRequest;
import com.acme.im.proto.repo.v1.CheckMembershipResponse;
import com.acme.im.proto.repo.v1.CheckMembershipResult;
import com.acme.im.proto.repo.v1.CheckMembershipsRequest;
import com.acme.im.proto.repo.v1.CheckMembershipsResponse;
import com.acme.im.repo.Checks;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import com.acme.im.proto.repo.v1.ConversationServiceGrpc;
import com.acme.im.proto.repo.v1.EnsureConversationRequest;
import com.acme.im.proto.repo.v1.EnsureConversationResponse;
import com.acme.im.proto.repo.v1.GetConversationMembersRequest;
import com.acme.im.proto.repo.v1.GetConversationMembersResponse;
import com.acme.im.proto.repo.v1.GetUnreadCountRequest;
import com.acme.im.proto.repo.v1.GetUnreadCountResponse;
import com.acme.im.proto.repo.v1.GetUserConversationRequest;
import com.acme.im.proto.repo.v1.GetUserConversationResponse;
import com.acme.im.proto.repo.v1.GetSinglePeersRequest;
import com.acme.im.proto.repo.v1.GetSinglePeersResponse;
import com.acme.im.proto.repo.v1.GetUserConversationsRequest;
import com.acme.im.proto.repo.v1.GetUserConversationsResponse;
import com.acme.im.proto.repo.v1.LeaveConversationRequest;
import com.acme.im.proto.repo.v1.LeaveConversationResponse;
import com.acme.im.proto.repo.v1.UpdateConversationSettingsRequest;
import com.acme.im.proto.repo.v1.UpdateConversationSettingsResponse;
import com.acme.im.proto.repo.v1.UpdateReadPointerRequest;
import com.acme.im.proto.repo.v1.UpdateReadPointerResponse;
import com.acme.im.repo.message.MessageEndpoint;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * ConversationService 的 gRPC 端点：只做 protobuf 转换。
 */
@Singleton
public class ConversationEndpoint extends ConversationServiceGrpc.ConversationServiceImplBase {

    /** 批量成员检查每次最多的项数。 */
    private static final int MAX_CHECKS = 1000;

    private final ConversationService conversations;

    public ConversationEndpoint(ConversationService conversations) {
        this.conversations = conversations;
    }

    @Override
    public void ensureConversation(EnsureConversationRequest request, StreamObserver<EnsureConversationResponse> observer) {
        int type = request.getType() == ConversationType.UNRECOGNIZED ? -1 : request.getTypeValue();
        boolean created = conversations.ensure(request.getConversationId(), type, request.getUserIdsList());
        observer.onNext(EnsureConversationResponse.newBuilder().setCreated(created).build());
        observer.onCompleted();
    }

    @Override
    public void getUserConversations(GetUserConversationsRequest request,
                                     StreamObserver<GetUserConversationsResponse> observer) {
        ConversationService.ConversationPage page =
                conversations.list(request.getUserId(), request.getPage(), request.getPageSize());
        GetUserConversationsResponse.Builder out = GetUserConversationsResponse.newBuilder().setTotal(page.total());
        page.conversations().forEach(v -> out.addConversations(toProto(v)));
        observer.onNext(out.build());
        observer.onCompleted();
    }

    @Override
    public void getSinglePeers(GetSinglePeersRequest request, StreamObserver<GetSinglePeersResponse> observer) {
        observer.onNext(GetSinglePeersResponse.newBuilder()
                .addAllPeerUserIds(conversations.singlePeers(request.getUserId(), request.getLimit())).build());
        observer.onCompleted();
    }

    @Override
    public void getUserConversation(GetUserConversationRequest request,
                                    StreamObserver<GetUserConversationResponse> observer) {
        ConversationView v = conversations.get(request.getUserId(), request.getConversationId());
        observer.onNext(GetUserConversationResponse.newBuilder().setConversation(toProto(v)).build());
        observer.onCompleted();
    }

    @Override
    public void updateReadPointer(UpdateReadPointerRequest request, StreamObserver<UpdateReadPointerResponse> observer) {
        ReadPointer p = conversations.updateRead(request.getUserId(), request.getConversationId(), request.getSeq());
        observer.onNext(UpdateReadPointerResponse.newBuilder()
                .setReadSeq(p.readSeq())
                .setAdvanced(p.advanced())
                .setUnreadCount(p.unreadCount())
                .build());
        observer.onCompleted();
    }

    @Override
    public void getUnreadCount(GetUnreadCountRequest request, StreamObserver<GetUnreadCountResponse> observer) {
        long unread = conversations.unread(request.getUserId(), request.getConversationId());
        observer.onNext(GetUnreadCountResponse.newBuilder().setUnreadCount(unread).build());
        observer.onCompleted();
    }

    @Override
    public void checkMembership(CheckMembershipRequest request, StreamObserver<CheckMembershipResponse> observer) {
        observer.onNext(toProto(conversations.checkMembership(request.getUserId(), request.getConversationId())));
        observer.onCompleted();
    }

    @Override
    public void checkMemberships(CheckMembershipsRequest request, StreamObserver<CheckMembershipsResponse> observer) {
        Checks.require(request.getChecksCount() <= MAX_CHECKS, "at most " + MAX_CHECKS + " checks per call");
        CheckMembershipsResponse.Builder out = CheckMembershipsResponse.newBuilder();
        for (CheckMembershipRequest check : request.getChecksList()) {
            CheckMembershipResult.Builder r = CheckMembershipResult.newBuilder();
            try {
                r.setMembership(toProto(conversations.checkMembership(check.getUserId(), check.getConversationId())));
            } catch (ImException e) {
                if (e.errorCode() == ErrorCode.UNAVAILABLE || e.errorCode() == ErrorCode.INTERNAL) {
                    throw e;
                }
                r.setErrorCode(e.code()).setErrorMessage(e.getMessage() == null ? "" : e.getMessage());
            }
            out.addResults(r);
        }
        observer.onNext(out.build());
        observer.onCompleted();
    }

    private static CheckMembershipResponse toProto(Membership m) {
        return CheckMembershipResponse.newBuilder()
                .setMember(m.member())
                .setTypeValue(m.kind().code())
                .setMemberCount(m.memberCount())
                .setGroupRoleValue(m.groupRole())
                .setDissolved(m.dissolved())
                .setMuted(m.muted())
                .build();
    }

    @Override
    public void leaveConversation(LeaveConversationRequest request, StreamObserver<LeaveConversationResponse> observer) {
        boolean left = conversations.leave(request.getUserId(), request.getConversationId());
        observer.onNext(LeaveConversationResponse.newBuilder().setLeft(left).build());
        observer.onCompleted();
    }

    @Override
    public void getConversationMembers(GetConversationMembersRequest request,
                                       StreamObserver<GetConversationMembersResponse> observer) {
        ConversationService.MemberIdPage page =
                conversations.members(request.getConversationId(), request.getAfterUserId(), request.getLimit());
        observer.onNext(GetConversationMembersResponse.newBuilder()
                .addAllUserIds(page.userIds())
                .setHasMore(page.hasMore())
                .build());
        observer.onCompleted();
    }

    @Override
    public void updateConversationSettings(UpdateConversationSettingsRequest request,
                                           StreamObserver<UpdateConversationSettingsResponse> observer) {
        ConversationSettings s = conversations.updateSettings(request.getUserId(), request.getConversationId(),
                request.hasPinned() ? request.getPinned() : null, request.hasMuted() ? request.getMuted() : null);
        observer.onNext(UpdateConversationSettingsResponse.newBuilder()
                .setPinned(s.pinned()).setMuted(s.muted()).setUpdatedAt(s.updatedAt()).build());
        observer.onCompleted();
    }

    static Conversation toProto(ConversationView v) {
        UserConversationRow r = v.row();
        ConversationRow c = r.conversation();
        Conversation.Builder b = Conversation.newBuilder()
                .setId(c.id())
                .setTypeValue(c.kind().code())
                .setName(v.name())
                .setAvatarUrl(v.avatarUrl())
                .setUnreadCount(r.unreadCount())
                .setUpdatedAt(c.updatedAt())
                .setReadSeq(r.readSeq())
                .setPeerUserId(v.peerUserId())
                .setGroupId(c.groupId())
                .setPinned(r.pinned())
                .setMuted(r.muted())
                .setMentioned(r.mentioned())
                .setMentionSeq(r.mentionSeq());
        if (r.lastMessage() != null) {
            b.setLastMessage(MessageEndpoint.toProto(r.lastMessage()));
        }
        return b.build();
    }
}
