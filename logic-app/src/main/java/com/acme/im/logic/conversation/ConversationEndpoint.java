package com.acme.im.logic.conversation;

import com.acme.im.proto.logic.v1.ConversationServiceGrpc;
import com.acme.im.proto.logic.v1.GetConversationRequest;
import com.acme.im.proto.logic.v1.GetConversationResponse;
import com.acme.im.proto.logic.v1.GetConversationsRequest;
import com.acme.im.proto.logic.v1.GetConversationsResponse;
import com.acme.im.proto.logic.v1.GetMessagesRequest;
import com.acme.im.proto.logic.v1.GetMessagesResponse;
import com.acme.im.proto.logic.v1.JoinWorldRequest;
import com.acme.im.proto.logic.v1.JoinWorldResponse;
import com.acme.im.proto.logic.v1.LeaveWorldRequest;
import com.acme.im.proto.logic.v1.LeaveWorldResponse;
import com.acme.im.proto.logic.v1.MarkAsReadRequest;
import com.acme.im.proto.logic.v1.MarkAsReadResponse;
import com.acme.im.proto.logic.v1.OpenSingleConversationRequest;
import com.acme.im.proto.logic.v1.OpenSingleConversationResponse;
import com.acme.im.proto.logic.v1.UpdateConversationSettingsRequest;
import com.acme.im.proto.logic.v1.UpdateConversationSettingsResponse;
import com.acme.im.proto.repo.v1.GetConversationMessagesResponse;
import com.acme.im.proto.repo.v1.GetUserConversationsResponse;
import com.acme.im.proto.repo.v1.UpdateReadPointerResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * ConversationService 的 gRPC 端点：只做协议转换。
 */
@Singleton
public class ConversationEndpoint extends ConversationServiceGrpc.ConversationServiceImplBase {

    private final ConversationService conversations;
    private final ConversationSettingsService settings;

    public ConversationEndpoint(ConversationService conversations, ConversationSettingsService settings) {
        this.conversations = conversations;
        this.settings = settings;
    }

    @Override
    public void updateConversationSettings(UpdateConversationSettingsRequest request,
                                           StreamObserver<UpdateConversationSettingsResponse> observer) {
        ConversationSettingsService.Settings s = settings.update(request.getUserId(), request.getConversationId(),
                request.hasPinned() ? request.getPinned() : null, request.hasMuted() ? request.getMuted() : null);
        observer.onNext(UpdateConversationSettingsResponse.newBuilder()
                .setConversationId(s.conversationId())
                .setPinned(s.pinned())
                .setMuted(s.muted())
                .setUpdatedAt(s.updatedAt())
                .build());
        observer.onCompleted();
    }

    @Override
    public void getConversations(GetConversationsRequest request, StreamObserver<GetConversationsResponse> observer) {
        GetUserConversationsResponse r = conversations.list(request.getUserId(), request.getPage(), request.getPageSize());
        observer.onNext(GetConversationsResponse.newBuilder().addAllConversations(r.getConversationsList()).setTotal(r.getTotal()).build());
        observer.onCompleted();
    }

    @Override
    public void getConversation(GetConversationRequest request, StreamObserver<GetConversationResponse> observer) {
        observer.onNext(GetConversationResponse.newBuilder()
                .setConversation(conversations.get(request.getUserId(), request.getConversationId())).build());
        observer.onCompleted();
    }

    @Override
    public void getMessages(GetMessagesRequest request, StreamObserver<GetMessagesResponse> observer) {
        GetConversationMessagesResponse r = conversations.messages(request.getUserId(), request.getConversationId(),
                request.getBeforeSeq(), request.hasAfterSeq() ? request.getAfterSeq() : -1, request.getLimit());
        observer.onNext(GetMessagesResponse.newBuilder().addAllMessages(r.getMessagesList()).setHasMore(r.getHasMore()).build());
        observer.onCompleted();
    }

    @Override
    public void markAsRead(MarkAsReadRequest request, StreamObserver<MarkAsReadResponse> observer) {
        UpdateReadPointerResponse r = conversations.markAsRead(request.getUserId(), request.getConversationId(), request.getSeq());
        observer.onNext(MarkAsReadResponse.newBuilder().setReadSeq(r.getReadSeq()).setUnreadCount(r.getUnreadCount()).build());
        observer.onCompleted();
    }

    @Override
    public void openSingleConversation(OpenSingleConversationRequest request, StreamObserver<OpenSingleConversationResponse> observer) {
        observer.onNext(OpenSingleConversationResponse.newBuilder()
                .setConversationId(conversations.openSingle(request.getUserId(), request.getPeerUserId())).build());
        observer.onCompleted();
    }

    @Override
    public void joinWorld(JoinWorldRequest request, StreamObserver<JoinWorldResponse> observer) {
        observer.onNext(JoinWorldResponse.newBuilder().setConversationId(conversations.joinWorld(request.getUserId())).build());
        observer.onCompleted();
    }

    @Override
    public void leaveWorld(LeaveWorldRequest request, StreamObserver<LeaveWorldResponse> observer) {
        conversations.leaveWorld(request.getUserId());
        observer.onNext(LeaveWorldResponse.getDefaultInstance());
        observer.onCompleted();
    }
}
