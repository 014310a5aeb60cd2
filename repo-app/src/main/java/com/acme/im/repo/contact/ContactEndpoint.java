package com.acme.im.repo.contact;

import com.acme.im.proto.repo.v1.BlockEntry;
import com.acme.im.proto.repo.v1.BlockUserRequest;
import com.acme.im.proto.repo.v1.BlockUserResponse;
import com.acme.im.proto.repo.v1.CheckRelationsRequest;
import com.acme.im.proto.repo.v1.CheckRelationsResponse;
import com.acme.im.proto.repo.v1.ContactServiceGrpc;
import com.acme.im.proto.repo.v1.DeleteFriendRequest;
import com.acme.im.proto.repo.v1.DeleteFriendResponse;
import com.acme.im.proto.repo.v1.Friend;
import com.acme.im.proto.repo.v1.FriendRequest;
import com.acme.im.proto.repo.v1.FriendRequestStatus;
import com.acme.im.proto.repo.v1.ListBlocksRequest;
import com.acme.im.proto.repo.v1.ListBlocksResponse;
import com.acme.im.proto.repo.v1.ListFriendRequestsRequest;
import com.acme.im.proto.repo.v1.ListFriendRequestsResponse;
import com.acme.im.proto.repo.v1.ListFriendsRequest;
import com.acme.im.proto.repo.v1.ListFriendsResponse;
import com.acme.im.proto.repo.v1.PairRelation;
import com.acme.im.proto.repo.v1.RespondFriendRequestRequest;
import com.acme.im.proto.repo.v1.RespondFriendRequestResponse;
import com.acme.im.proto.repo.v1.SendFriendRequestRequest;
import com.acme.im.proto.repo.v1.SendFriendRequestResponse;
import com.acme.im.proto.repo.v1.SetFriendRemarkRequest;
import com.acme.im.proto.repo.v1.SetFriendRemarkResponse;
import com.acme.im.proto.repo.v1.UnblockUserRequest;
import com.acme.im.proto.repo.v1.UnblockUserResponse;
import com.acme.im.proto.repo.v1.UserPair;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.limits.Limits;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * ContactService 的 gRPC 端点：只做 protobuf 转换。
 */
@Singleton
public class ContactEndpoint extends ContactServiceGrpc.ContactServiceImplBase {

    private final ContactService contacts;

    public ContactEndpoint(ContactService contacts) {
        this.contacts = contacts;
    }

    @Override
    public void sendFriendRequest(SendFriendRequestRequest request, StreamObserver<SendFriendRequestResponse> observer) {
        SendResult r = contacts.send(request.getFromUserId(), request.getToUserId(), request.getNote());
        observer.onNext(SendFriendRequestResponse.newBuilder()
                .setRequest(toProto(r.request()))
                .setCreated(r.created())
                .setAutoAccepted(r.autoAccepted())
                .build());
        observer.onCompleted();
    }

    @Override
    public void respondFriendRequest(RespondFriendRequestRequest request, StreamObserver<RespondFriendRequestResponse> observer) {
        String status = switch (request.getAction()) {
            case FRIEND_REQUEST_ACTION_ACCEPT -> FriendRequestRecord.ACCEPTED;
            case FRIEND_REQUEST_ACTION_REJECT -> FriendRequestRecord.REJECTED;
            case FRIEND_REQUEST_ACTION_CANCEL -> FriendRequestRecord.CANCELLED;
            default -> throw new ImException(ErrorCode.INVALID_PARAMETER, "action must be accept, reject or cancel");
        };
        FriendRequestRecord r = contacts.respond(request.getRequestId(), request.getUserId(), status);
        observer.onNext(RespondFriendRequestResponse.newBuilder().setRequest(toProto(r)).build());
        observer.onCompleted();
    }

    @Override
    public void listFriendRequests(ListFriendRequestsRequest request, StreamObserver<ListFriendRequestsResponse> observer) {
        int limit = request.getLimit() == 0 ? Limits.DEFAULT_CONTACT_PAGE : request.getLimit();
        List<FriendRequestRecord> page = contacts.listPending(request.getUserId(), request.getOutgoing(),
                request.getBeforeId(), request.getLimit());
        ListFriendRequestsResponse.Builder out = ListFriendRequestsResponse.newBuilder().setHasMore(page.size() > limit);
        page.stream().limit(limit).forEach(r -> out.addRequests(toProto(r)));
        observer.onNext(out.build());
        observer.onCompleted();
    }

    @Override
    public void listFriends(ListFriendsRequest request, StreamObserver<ListFriendsResponse> observer) {
        int limit = request.getLimit() == 0 ? Limits.DEFAULT_CONTACT_PAGE : request.getLimit();
        List<FriendRecord> page = contacts.listFriends(request.getUserId(), request.getAfterUserId(), request.getLimit());
        ListFriendsResponse.Builder out = ListFriendsResponse.newBuilder().setHasMore(page.size() > limit);
        page.stream().limit(limit).forEach(f -> out.addFriends(toProto(f)));
        observer.onNext(out.build());
        observer.onCompleted();
    }

    @Override
    public void setFriendRemark(SetFriendRemarkRequest request, StreamObserver<SetFriendRemarkResponse> observer) {
        FriendRecord f = contacts.setRemark(request.getUserId(), request.getFriendId(), request.getRemark());
        observer.onNext(SetFriendRemarkResponse.newBuilder().setFriend(toProto(f)).build());
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
        boolean created = contacts.block(request.getUserId(), request.getBlockedUserId());
        observer.onNext(BlockUserResponse.newBuilder().setCreated(created).build());
        observer.onCompleted();
    }

    @Override
    public void unblockUser(UnblockUserRequest request, StreamObserver<UnblockUserResponse> observer) {
        boolean removed = contacts.unblock(request.getUserId(), request.getBlockedUserId());
        observer.onNext(UnblockUserResponse.newBuilder().setRemoved(removed).build());
        observer.onCompleted();
    }

    @Override
    public void listBlocks(ListBlocksRequest request, StreamObserver<ListBlocksResponse> observer) {
        int limit = request.getLimit() == 0 ? Limits.DEFAULT_CONTACT_PAGE : request.getLimit();
        List<BlockRecord> page = contacts.listBlocks(request.getUserId(), request.getAfterUserId(), request.getLimit());
        ListBlocksResponse.Builder out = ListBlocksResponse.newBuilder().setHasMore(page.size() > limit);
        page.stream().limit(limit).forEach(b -> out.addBlocks(BlockEntry.newBuilder()
                .setUserId(b.blockedUserId()).setCreatedAt(b.createdAt())));
        observer.onNext(out.build());
        observer.onCompleted();
    }

    @Override
    public void checkRelations(CheckRelationsRequest request, StreamObserver<CheckRelationsResponse> observer) {
        List<long[]> pairs = request.getPairsList().stream()
                .map((UserPair p) -> new long[] {p.getUserId(), p.getOtherUserId()}).toList();
        CheckRelationsResponse.Builder out = CheckRelationsResponse.newBuilder();
        contacts.check(pairs).forEach(r -> out.addRelations(PairRelation.newBuilder()
                .setBlockedByOther(r.blockedByOther())
                .setBlockingOther(r.blockingOther())
                .setFriends(r.friends())));
        observer.onNext(out.build());
        observer.onCompleted();
    }

    static FriendRequest toProto(FriendRequestRecord r) {
        return FriendRequest.newBuilder()
                .setId(r.id())
                .setFromUserId(r.fromUserId())
                .setToUserId(r.toUserId())
                .setNote(r.note())
                .setStatus(switch (r.status()) {
                    case FriendRequestRecord.PENDING -> FriendRequestStatus.FRIEND_REQUEST_STATUS_PENDING;
                    case FriendRequestRecord.ACCEPTED -> FriendRequestStatus.FRIEND_REQUEST_STATUS_ACCEPTED;
                    case FriendRequestRecord.REJECTED -> FriendRequestStatus.FRIEND_REQUEST_STATUS_REJECTED;
                    case FriendRequestRecord.CANCELLED -> FriendRequestStatus.FRIEND_REQUEST_STATUS_CANCELLED;
                    default -> FriendRequestStatus.FRIEND_REQUEST_STATUS_UNSPECIFIED;
                })
                .setCreatedAt(r.createdAt())
                .setUpdatedAt(r.updatedAt())
                .build();
    }

    static Friend toProto(FriendRecord f) {
        return Friend.newBuilder().setUserId(f.friendId()).setRemark(f.remark()).setCreatedAt(f.createdAt()).build();
    }
}
