package com.acme.im.logic.contact;

import com.acme.im.proto.logic.v1.BlockUserRequest;
import com.acme.im.proto.logic.v1.BlockUserResponse;
import com.acme.im.proto.logic.v1.ContactServiceGrpc;
import com.acme.im.proto.logic.v1.DeleteFriendRequest;
import com.acme.im.proto.logic.v1.DeleteFriendResponse;
import com.acme.im.proto.logic.v1.ListBlocksRequest;
import com.acme.im.proto.logic.v1.ListBlocksResponse;
import com.acme.im.proto.logic.v1.ListFriendRequestsRequest;
import com.acme.im.proto.logic.v1.ListFriendRequestsResponse;
import com.acme.im.proto.logic.v1.ListFriendsRequest;
import com.acme.im.proto.logic.v1.ListFriendsResponse;
import com.acme.im.proto.logic.v1.RespondFriendRequestRequest;
import com.acme.im.proto.logic.v1.RespondFriendRequestResponse;
import com.acme.im.proto.logic.v1.SendFriendRequestRequest;
import com.acme.im.proto.logic.v1.SendFriendRequestResponse;
import com.acme.im.proto.logic.v1.SetFriendRemarkRequest;
import com.acme.im.proto.logic.v1.SetFriendRemarkResponse;
import com.acme.im.proto.logic.v1.UnblockUserRequest;
import com.acme.im.proto.logic.v1.UnblockUserResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * ContactService 的 gRPC 端点：只做协议转换。
 */
@Singleton
public class ContactEndpoint extends ContactServiceGrpc.ContactServiceImplBase {

    private final ContactService contacts;

    public ContactEndpoint(ContactService contacts) {
        this.contacts = contacts;
    }

    @Override
    public void sendFriendRequest(SendFriendRequestRequest request, StreamObserver<SendFriendRequestResponse> observer) {
        observer.onNext(contacts.send(request.getUserId(), request.getToUserId(), request.getNote()));
        observer.onCompleted();
    }

    @Override
    public void respondFriendRequest(RespondFriendRequestRequest request, StreamObserver<RespondFriendRequestResponse> observer) {
        observer.onNext(RespondFriendRequestResponse.newBuilder()
                .setRequest(contacts.respond(request.getUserId(), request.getRequestId(), request.getAction())).build());
        observer.onCompleted();
    }

    @Override
    public void listFriendRequests(ListFriendRequestsRequest request, StreamObserver<ListFriendRequestsResponse> observer) {
        observer.onNext(contacts.listRequests(request.getUserId(), request.getOutgoing(), request.getBeforeId(), request.getLimit()));
        observer.onCompleted();
    }

    @Override
    public void listFriends(ListFriendsRequest request, StreamObserver<ListFriendsResponse> observer) {
        observer.onNext(contacts.listFriends(request.getUserId(), request.getAfterUserId(), request.getLimit()));
        observer.onCompleted();
    }

    @Override
    public void setFriendRemark(SetFriendRemarkRequest request, StreamObserver<SetFriendRemarkResponse> observer) {
        observer.onNext(SetFriendRemarkResponse.newBuilder()
                .setFriend(contacts.setRemark(request.getUserId(), request.getFriendId(), request.getRemark())).build());
        observer.onCompleted();
    }

    @Override
    public void deleteFriend(DeleteFriendRequest request, StreamObserver<DeleteFriendResponse> observer) {
        contacts.deleteFriend(request.getUserId(), request.getFriendId());
        observer.onNext(DeleteFriendResponse.getDefaultInstance());
        observer.onCompleted();
    }

    @Override
    public void blockUser(BlockUserRequest request, StreamObserver<BlockUserResponse> observer) {
        observer.onNext(BlockUserResponse.newBuilder()
                .setCreated(contacts.block(request.getUserId(), request.getBlockedUserId())).build());
        observer.onCompleted();
    }

    @Override
    public void unblockUser(UnblockUserRequest request, StreamObserver<UnblockUserResponse> observer) {
        observer.onNext(UnblockUserResponse.newBuilder()
                .setRemoved(contacts.unblock(request.getUserId(), request.getBlockedUserId())).build());
        observer.onCompleted();
    }

    @Override
    public void listBlocks(ListBlocksRequest request, StreamObserver<ListBlocksResponse> observer) {
        observer.onNext(contacts.listBlocks(request.getUserId(), request.getAfterUserId(), request.getLimit()));
        observer.onCompleted();
    }
}
