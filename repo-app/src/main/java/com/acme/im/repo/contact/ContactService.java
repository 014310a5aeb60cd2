package com.acme.im.repo.contact;

import com.acme.im.repo.Checks;
import com.acme.im.repo.db.Database;
import com.acme.im.repo.user.UserService;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.limits.Limits;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * 好友与黑名单的存储规则。改变状态的操作都先按 ID 顺序锁住双方用户行再读写，
 * 同一对用户上的并发操作因此串行：不会有两条同向待处理申请，也不会插出重复的好友行。
 */
@Singleton
public class ContactService {

    /** CheckRelations 每次最多的用户对数。 */
    public static final int MAX_PAIRS = 1000;

    private final Database db;
    private final ContactRepository contacts;
    private final UserService users;

    public ContactService(Database db, ContactRepository contacts, UserService users) {
        this.db = db;
        this.contacts = contacts;
        this.users = users;
    }

    /**
     * 发好友申请：同向已有待处理申请时原样返回（幂等）；对方已向我发出待处理申请时直接接受它（双方成为好友）。
     */
    public SendResult send(long fromUserId, long toUserId, String note) {
        Checks.id(fromUserId, "from_user_id");
        Checks.id(toUserId, "to_user_id");
        Checks.require(fromUserId != toUserId, "cannot send a friend request to yourself");
        String text = note == null ? "" : note;
        Checks.require(text.codePointCount(0, text.length()) <= Limits.MAX_FRIEND_NOTE_CODE_POINTS,
                "note must be at most " + Limits.MAX_FRIEND_NOTE_CODE_POINTS + " characters");
        return db.inTransaction(c -> {
            lockBoth(c, fromUserId, toUserId);
            if (contacts.isBlocked(c, toUserId, fromUserId)) {
                throw new ImException(ErrorCode.BLOCKED, "this user has blocked you");
            }
            if (contacts.isBlocked(c, fromUserId, toUserId)) {
                throw new ImException(ErrorCode.BLOCKED, "you have blocked this user; unblock first");
            }
            if (contacts.isFriend(c, fromUserId, toUserId)) {
                throw new ImException(ErrorCode.ALREADY_FRIENDS, "already friends");
            }
            var same = contacts.findPending(c, fromUserId, toUserId);
            if (same.isPresent()) {
                return new SendResult(same.get(), false, false);
            }
            long now = System.currentTimeMillis();
            var reverse = contacts.findPending(c, toUserId, fromUserId);
            if (reverse.isPresent()) {
                FriendRequestRecord r = reverse.get();
                contacts.updateStatus(c, r.id(), FriendRequestRecord.ACCEPTED, now);
                contacts.insertFriendship(c, fromUserId, toUserId, now);
                return new SendResult(withStatus(r, FriendRequestRecord.ACCEPTED, now), false, true);
            }
            return new SendResult(contacts.insertRequest(c, fromUserId, toUserId, text, now), true, false);
        });
    }

    /**
     * 处理申请：accept/reject 只能由接收者、cancel 只能由发送者；与调用者无关的申请当作不存在（1004），
     * 不泄露别人之间的申请。
     */
    public FriendRequestRecord respond(long requestId, long userId, String newStatus) {
        Checks.id(requestId, "request_id");
        Checks.id(userId, "user_id");
        FriendRequestRecord seen = db.run(c -> contacts.findRequest(c, requestId))
                .filter(r -> r.fromUserId() == userId || r.toUserId() == userId)
                .orElseThrow(() -> new ImException(ErrorCode.NOT_FOUND, "friend request not found"));
        boolean senderAction = FriendRequestRecord.CANCELLED.equals(newStatus);
        if (senderAction && seen.fromUserId() != userId) {
            throw new ImException(ErrorCode.FORBIDDEN, "only the sender can cancel a friend request");
        }
        if (!senderAction && seen.toUserId() != userId) {
            throw new ImException(ErrorCode.FORBIDDEN, "only the recipient can accept or reject a friend request");
        }
        return db.inTransaction(c -> {
            contacts.lockUsers(c, seen.fromUserId(), seen.toUserId());
            // 锁住后重读：另一方可能刚撤回、或同时接受
            FriendRequestRecord r = contacts.findRequest(c, requestId).orElseThrow();
            if (!r.pending()) {
                throw new ImException(ErrorCode.FRIEND_REQUEST_CLOSED, "friend request is already " + r.status());
            }
            long now = System.currentTimeMillis();
            contacts.updateStatus(c, r.id(), newStatus, now);
            if (FriendRequestRecord.ACCEPTED.equals(newStatus)) {
                contacts.insertFriendship(c, r.fromUserId(), r.toUserId(), now);
            }
            return withStatus(r, newStatus, now);
        });
    }

    public List<FriendRequestRecord> listPending(long userId, boolean outgoing, long beforeId, int limit) {
        Checks.id(userId, "user_id");
        int n = Checks.limit(limit, Limits.DEFAULT_CONTACT_PAGE, Limits.MAX_CONTACT_PAGE, "limit");
        return db.run(c -> contacts.listPending(c, userId, outgoing, beforeId, n + 1));
    }

    public List<FriendRecord> listFriends(long userId, long afterUserId, int limit) {
        Checks.id(userId, "user_id");
        int n = Checks.limit(limit, Limits.DEFAULT_CONTACT_PAGE, Limits.MAX_CONTACT_PAGE, "limit");
        return db.run(c -> contacts.listFriends(c, userId, Math.max(0, afterUserId), n + 1));
    }

    /** 设置（空串为清除）备注；不是好友 5001。 */
    public FriendRecord setRemark(long userId, long friendId, String remark) {
        Checks.id(userId, "user_id");
        Checks.id(friendId, "friend_id");
        String text = remark == null ? "" : remark;
        Checks.require(text.codePointCount(0, text.length()) <= Limits.MAX_FRIEND_REMARK_CODE_POINTS,
                "remark must be at most " + Limits.MAX_FRIEND_REMARK_CODE_POINTS + " characters");
        return db.inTransaction(c -> {
            FriendRecord f = contacts.findFriend(c, userId, friendId)
                    .orElseThrow(() -> new ImException(ErrorCode.NOT_FRIENDS, "not friends"));
            contacts.updateRemark(c, userId, friendId, text);
            return new FriendRecord(f.userId(), f.friendId(), text, f.createdAt());
        });
    }

    /** 删除好友：双方的行一起删除；不是好友 5001。 */
    public void deleteFriend(long userId, long friendId) {
        Checks.id(userId, "user_id");
        Checks.id(friendId, "friend_id");
        db.inTransaction(c -> {
            contacts.lockUsers(c, userId, friendId);
            if (!contacts.isFriend(c, userId, friendId)) {
                throw new ImException(ErrorCode.NOT_FRIENDS, "not friends");
            }
            contacts.deleteFriendship(c, userId, friendId);
            return null;
        });
    }

    /** 拉黑（幂等）；返回是否新拉黑。 */
    public boolean block(long userId, long blockedUserId) {
        Checks.id(userId, "user_id");
        Checks.id(blockedUserId, "blocked_user_id");
        Checks.require(userId != blockedUserId, "cannot block yourself");
        users.get(blockedUserId);
        return db.run(c -> contacts.insertBlock(c, userId, blockedUserId, System.currentTimeMillis()));
    }

    /** 取消拉黑（幂等）；返回是否确有移除。 */
    public boolean unblock(long userId, long blockedUserId) {
        Checks.id(userId, "user_id");
        Checks.id(blockedUserId, "blocked_user_id");
        return db.run(c -> contacts.deleteBlock(c, userId, blockedUserId));
    }

    public List<BlockRecord> listBlocks(long userId, long afterUserId, int limit) {
        Checks.id(userId, "user_id");
        int n = Checks.limit(limit, Limits.DEFAULT_CONTACT_PAGE, Limits.MAX_CONTACT_PAGE, "limit");
        return db.run(c -> contacts.listBlocks(c, userId, Math.max(0, afterUserId), n + 1));
    }

    /**
     * 批量关系检查：一批用户对只查两次库（blocks 与 friendships 各一次，两个 IN 取超集再按对筛选）。
     *
     * @param pairs 每项为 {user, other}
     */
    public List<Relation> check(List<long[]> pairs) {
        Checks.require(pairs.size() <= MAX_PAIRS, "pairs must contain at most " + MAX_PAIRS + " items");
        if (pairs.isEmpty()) {
            return List.of();
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (long[] p : pairs) {
            ids.add(p[0]);
            ids.add(p[1]);
        }
        Set<String>[] edges = db.run(c -> {
            @SuppressWarnings("unchecked")
            Set<String>[] out = new Set[] {contacts.edges(c, "blocks", ids, ids), contacts.edges(c, "friendships", ids, ids)};
            return out;
        });
        List<Relation> out = new ArrayList<>(pairs.size());
        for (long[] p : pairs) {
            out.add(new Relation(edges[0].contains(p[1] + ":" + p[0]), edges[0].contains(p[0] + ":" + p[1]),
                    edges[1].contains(p[0] + ":" + p[1])));
        }
        return out;
    }

    private void lockBoth(Connection c, long a, long b) throws SQLException {
        if (contacts.lockUsers(c, a, b) < 2) {
            throw new ImException(ErrorCode.USER_NOT_FOUND, "user not found");
        }
    }

    private static FriendRequestRecord withStatus(FriendRequestRecord r, String status, long now) {
        return new FriendRequestRecord(r.id(), r.fromUserId(), r.toUserId(), r.note(), status, r.createdAt(), now);
    }
}
