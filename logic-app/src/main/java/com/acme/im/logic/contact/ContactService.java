package com.acme.im.logic.contact;

import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.common.v1.User;
import com.acme.im.proto.logic.v1.BlockInfo;
import com.acme.im.proto.logic.v1.FriendInfo;
import com.acme.im.proto.logic.v1.FriendRequestInfo;
import com.acme.im.proto.logic.v1.ListBlocksResponse;
import com.acme.im.proto.logic.v1.ListFriendRequestsResponse;
import com.acme.im.proto.logic.v1.ListFriendsResponse;
import com.acme.im.proto.logic.v1.SendFriendRequestResponse;
import com.acme.im.proto.repo.v1.BlockUserRequest;
import com.acme.im.proto.repo.v1.DeleteFriendRequest;
import com.acme.im.proto.repo.v1.Friend;
import com.acme.im.proto.repo.v1.FriendRequest;
import com.acme.im.proto.repo.v1.FriendRequestAction;
import com.acme.im.proto.repo.v1.FriendRequestStatus;
import com.acme.im.proto.repo.v1.GetUsersRequest;
import com.acme.im.proto.repo.v1.ListBlocksRequest;
import com.acme.im.proto.repo.v1.ListFriendRequestsRequest;
import com.acme.im.proto.repo.v1.ListFriendsRequest;
import com.acme.im.proto.repo.v1.RespondFriendRequestRequest;
import com.acme.im.proto.repo.v1.SendFriendRequestRequest;
import com.acme.im.proto.repo.v1.SetFriendRemarkRequest;
import com.acme.im.proto.repo.v1.UnblockUserRequest;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.limits.Limits;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * 好友与黑名单的业务规则：输入校验（附言、备注长度，不能对自己操作）在这里，
 * 依赖当前状态的规则（已是好友、重复申请、反向申请自动接受、谁能处理申请）由 repo 在事务里判定；
 * 状态变化后给在线设备发 friend-request / friend-added 帧。
 */
@Singleton
public class ContactService {

    private final RepoClients repo;
    private final ContactNotifier notifier;

    public ContactService(RepoClients repo, ContactNotifier notifier) {
        this.repo = repo;
        this.notifier = notifier;
    }

    /** 发好友申请；新申请通知接收者，反向申请被自动接受时通知双方。 */
    public SendFriendRequestResponse send(long userId, long toUserId, String note) {
        if (toUserId <= 0 || toUserId == userId) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "user_id must be another user");
        }
        checkLength(note, Limits.MAX_FRIEND_NOTE_CODE_POINTS, "note");
        var r = repo.contacts().sendFriendRequest(SendFriendRequestRequest.newBuilder()
                .setFromUserId(userId).setToUserId(toUserId).setNote(note).build());
        if (r.getCreated()) {
            notifier.requestReceived(r.getRequest());
        } else if (r.getAutoAccepted()) {
            notifier.friendAdded(r.getRequest());
        }
        return SendFriendRequestResponse.newBuilder()
                .setRequest(toInfo(r.getRequest()))
                .setCreated(r.getCreated())
                .setAutoAccepted(r.getAutoAccepted())
                .build();
    }

    /** 接受、拒绝或撤回；接受后通知双方。 */
    public FriendRequestInfo respond(long userId, long requestId, String action) {
        FriendRequestAction a = switch (action == null ? "" : action) {
            case "accept" -> FriendRequestAction.FRIEND_REQUEST_ACTION_ACCEPT;
            case "reject" -> FriendRequestAction.FRIEND_REQUEST_ACTION_REJECT;
            case "cancel" -> FriendRequestAction.FRIEND_REQUEST_ACTION_CANCEL;
            default -> throw new ImException(ErrorCode.INVALID_PARAMETER, "action must be accept, reject or cancel");
        };
        if (requestId <= 0) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "request id must be positive");
        }
        FriendRequest r = repo.contacts().respondFriendRequest(RespondFriendRequestRequest.newBuilder()
                .setUserId(userId).setRequestId(requestId).setAction(a).build()).getRequest();
        if (a == FriendRequestAction.FRIEND_REQUEST_ACTION_ACCEPT) {
            notifier.friendAdded(r);
        }
        return toInfo(r);
    }

    public ListFriendRequestsResponse listRequests(long userId, boolean outgoing, long beforeId, int limit) {
        checkPage(limit);
        if (beforeId < 0) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "before_id must not be negative");
        }
        var r = repo.contacts().listFriendRequests(ListFriendRequestsRequest.newBuilder()
                .setUserId(userId).setOutgoing(outgoing).setBeforeId(beforeId).setLimit(limit).build());
        return ListFriendRequestsResponse.newBuilder()
                .addAllRequests(r.getRequestsList().stream().map(ContactService::toInfo).toList())
                .setHasMore(r.getHasMore())
                .build();
    }

    /** 好友列表，附好友的当前资料（一次批量查询）。 */
    public ListFriendsResponse listFriends(long userId, long afterUserId, int limit) {
        checkPage(limit);
        var r = repo.contacts().listFriends(ListFriendsRequest.newBuilder()
                .setUserId(userId).setAfterUserId(Math.max(0, afterUserId)).setLimit(limit).build());
        Map<Long, User> users = profiles(r.getFriendsList().stream().map(Friend::getUserId).toList());
        return ListFriendsResponse.newBuilder()
                .addAllFriends(r.getFriendsList().stream().map(f -> toInfo(f, users.get(f.getUserId()))).toList())
                .setHasMore(r.getHasMore())
                .build();
    }

    /** 设置备注；空串清除。 */
    public FriendInfo setRemark(long userId, long friendId, String remark) {
        checkOther(userId, friendId);
        checkLength(remark, Limits.MAX_FRIEND_REMARK_CODE_POINTS, "remark");
        Friend f = repo.contacts().setFriendRemark(SetFriendRemarkRequest.newBuilder()
                .setUserId(userId).setFriendId(friendId).setRemark(remark == null ? "" : remark.strip()).build()).getFriend();
        return toInfo(f, profiles(List.of(friendId)).get(friendId));
    }

    public void deleteFriend(long userId, long friendId) {
        checkOther(userId, friendId);
        repo.contacts().deleteFriend(DeleteFriendRequest.newBuilder().setUserId(userId).setFriendId(friendId).build());
    }

    public boolean block(long userId, long blockedUserId) {
        checkOther(userId, blockedUserId);
        return repo.contacts().blockUser(BlockUserRequest.newBuilder()
                .setUserId(userId).setBlockedUserId(blockedUserId).build()).getCreated();
    }

    public boolean unblock(long userId, long blockedUserId) {
        checkOther(userId, blockedUserId);
        return repo.contacts().unblockUser(UnblockUserRequest.newBuilder()
                .setUserId(userId).setBlockedUserId(blockedUserId).build()).getRemoved();
    }

    public ListBlocksResponse listBlocks(long userId, long afterUserId, int limit) {
        checkPage(limit);
        var r = repo.contacts().listBlocks(ListBlocksRequest.newBuilder()
                .setUserId(userId).setAfterUserId(Math.max(0, afterUserId)).setLimit(limit).build());
        return ListBlocksResponse.newBuilder()
                .addAllBlocks(r.getBlocksList().stream()
                        .map(b -> BlockInfo.newBuilder().setUserId(b.getUserId()).setCreatedAt(b.getCreatedAt()).build())
                        .toList())
                .setHasMore(r.getHasMore())
                .build();
    }

    private Map<Long, User> profiles(List<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return repo.users().getUsers(GetUsersRequest.newBuilder().addAllUserIds(ids).build()).getUsersList().stream()
                .collect(Collectors.toMap(User::getId, Function.identity(), (a, b) -> a));
    }

    private static void checkOther(long userId, long otherId) {
        if (otherId <= 0 || otherId == userId) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "user_id must be another user");
        }
    }

    private static void checkLength(String value, int max, String name) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, name + " must be at most " + max + " characters");
        }
    }

    private static void checkPage(int limit) {
        if (limit < 0 || limit > Limits.MAX_CONTACT_PAGE) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "limit must be 1.." + Limits.MAX_CONTACT_PAGE);
        }
    }

    static FriendRequestInfo toInfo(FriendRequest r) {
        return FriendRequestInfo.newBuilder()
                .setId(r.getId())
                .setFromUserId(r.getFromUserId())
                .setToUserId(r.getToUserId())
                .setNote(r.getNote())
                .setStatus(status(r.getStatus()))
                .setCreatedAt(r.getCreatedAt())
                .setUpdatedAt(r.getUpdatedAt())
                .build();
    }

    private static String status(FriendRequestStatus s) {
        return switch (s) {
            case FRIEND_REQUEST_STATUS_PENDING -> "pending";
            case FRIEND_REQUEST_STATUS_ACCEPTED -> "accepted";
            case FRIEND_REQUEST_STATUS_REJECTED -> "rejected";
            case FRIEND_REQUEST_STATUS_CANCELLED -> "cancelled";
            default -> "";
        };
    }

    private static FriendInfo toInfo(Friend f, User user) {
        FriendInfo.Builder b = FriendInfo.newBuilder().setUserId(f.getUserId()).setRemark(f.getRemark()).setCreatedAt(f.getCreatedAt());
        if (user != null) {
            b.setUser(user);
        }
        return b.build();
    }
}
