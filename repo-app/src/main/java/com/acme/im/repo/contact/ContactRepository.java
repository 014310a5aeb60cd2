package com.acme.im.repo.contact;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * friend_requests、friendships、blocks 三张表的 SQL。
 */
@Singleton
public class ContactRepository {

    private static final String REQUEST_COLUMNS = "id, from_user_id, to_user_id, note, status, created_at, updated_at";

    /**
     * 按 ID 升序锁住两个用户行并返回锁到的行数：同一对用户的所有联系人状态变化因此串行，
     * 两条并发的反向申请、接受与删除不会交错出重复的好友行或两条同向的待处理申请。
     */
    public int lockUsers(Connection c, long a, long b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM users WHERE id IN (?, ?) ORDER BY id FOR UPDATE")) {
            ps.setLong(1, Math.min(a, b));
            ps.setLong(2, Math.max(a, b));
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        }
    }

    public Optional<FriendRequestRecord> findRequest(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + REQUEST_COLUMNS + " FROM friend_requests WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(request(rs)) : Optional.empty();
            }
        }
    }

    /** from 发给 to 的待处理申请（最多一条）。 */
    public Optional<FriendRequestRecord> findPending(Connection c, long from, long to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + REQUEST_COLUMNS
                + " FROM friend_requests WHERE from_user_id = ? AND to_user_id = ? AND status = 'pending' ORDER BY id LIMIT 1")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(request(rs)) : Optional.empty();
            }
        }
    }

    public FriendRequestRecord insertRequest(Connection c, long from, long to, String note, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO friend_requests (from_user_id, to_user_id, note, status, created_at, updated_at) VALUES (?, ?, ?, 'pending', ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            ps.setString(3, note);
            ps.setLong(4, now);
            ps.setLong(5, now);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return new FriendRequestRecord(rs.getLong(1), from, to, note, FriendRequestRecord.PENDING, now, now);
            }
        }
    }

    public void updateStatus(Connection c, long id, String status, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE friend_requests SET status = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, status);
            ps.setLong(2, now);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    /** 待处理申请，按 ID 倒序；box 为 to_user_id（收到）或 from_user_id（发出）。 */
    public List<FriendRequestRecord> listPending(Connection c, long userId, boolean outgoing, long beforeId, int limit)
            throws SQLException {
        String column = outgoing ? "from_user_id" : "to_user_id";
        try (PreparedStatement ps = c.prepareStatement("SELECT " + REQUEST_COLUMNS + " FROM friend_requests WHERE "
                + column + " = ? AND status = 'pending' AND id < ? ORDER BY id DESC LIMIT ?")) {
            ps.setLong(1, userId);
            ps.setLong(2, beforeId <= 0 ? Long.MAX_VALUE : beforeId);
            ps.setInt(3, limit);
            List<FriendRequestRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(request(rs));
                }
            }
            return out;
        }
    }

    public boolean isFriend(Connection c, long userId, long friendId) throws SQLException {
        return findFriend(c, userId, friendId).isPresent();
    }

    public Optional<FriendRecord> findFriend(Connection c, long userId, long friendId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT user_id, friend_id, remark, created_at FROM friendships WHERE user_id = ? AND friend_id = ?")) {
            ps.setLong(1, userId);
            ps.setLong(2, friendId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(friend(rs)) : Optional.empty();
            }
        }
    }

    /** 建立双向好友关系；已有的行保持不变（含备注）。 */
    public void insertFriendship(Connection c, long a, long b, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT IGNORE INTO friendships (user_id, friend_id, remark, created_at) VALUES (?, ?, '', ?), (?, ?, '', ?)")) {
            ps.setLong(1, a);
            ps.setLong(2, b);
            ps.setLong(3, now);
            ps.setLong(4, b);
            ps.setLong(5, a);
            ps.setLong(6, now);
            ps.executeUpdate();
        }
    }

    /** 删除双向好友关系，返回删除的行数。 */
    public int deleteFriendship(Connection c, long a, long b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM friendships WHERE (user_id = ? AND friend_id = ?) OR (user_id = ? AND friend_id = ?)")) {
            ps.setLong(1, a);
            ps.setLong(2, b);
            ps.setLong(3, b);
            ps.setLong(4, a);
            return ps.executeUpdate();
        }
    }

    public void updateRemark(Connection c, long userId, long friendId, String remark) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE friendships SET remark = ? WHERE user_id = ? AND friend_id = ?")) {
            ps.setString(1, remark);
            ps.setLong(2, userId);
            ps.setLong(3, friendId);
            ps.executeUpdate();
        }
    }

    public List<FriendRecord> listFriends(Connection c, long userId, long afterUserId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id, friend_id, remark, created_at FROM friendships "
                + "WHERE user_id = ? AND friend_id > ? ORDER BY friend_id LIMIT ?")) {
            ps.setLong(1, userId);
            ps.setLong(2, afterUserId);
            ps.setInt(3, limit);
            List<FriendRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(friend(rs));
                }
            }
            return out;
        }
    }

    /** 拉黑；已在黑名单时不变，返回是否新插入。 */
    public boolean insertBlock(Connection c, long userId, long blockedUserId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT IGNORE INTO blocks (user_id, blocked_user_id, created_at) VALUES (?, ?, ?)")) {
            ps.setLong(1, userId);
            ps.setLong(2, blockedUserId);
            ps.setLong(3, now);
            return ps.executeUpdate() > 0;
        }
    }

    public boolean deleteBlock(Connection c, long userId, long blockedUserId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM blocks WHERE user_id = ? AND blocked_user_id = ?")) {
            ps.setLong(1, userId);
            ps.setLong(2, blockedUserId);
            return ps.executeUpdate() > 0;
        }
    }

    public boolean isBlocked(Connection c, long userId, long blockedUserId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM blocks WHERE user_id = ? AND blocked_user_id = ?")) {
            ps.setLong(1, userId);
            ps.setLong(2, blockedUserId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public List<BlockRecord> listBlocks(Connection c, long userId, long afterUserId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id, blocked_user_id, created_at FROM blocks "
                + "WHERE user_id = ? AND blocked_user_id > ? ORDER BY blocked_user_id LIMIT ?")) {
            ps.setLong(1, userId);
            ps.setLong(2, afterUserId);
            ps.setInt(3, limit);
            List<BlockRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new BlockRecord(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
                }
            }
            return out;
        }
    }

    /**
     * 在两组用户之间存在的有向边（拉黑或好友），键为 "a:b"。用两个 IN 走主键范围，结果是所需的超集，由调用方按对筛选。
     *
     * @param table blocks 或 friendships
     */
    public Set<String> edges(Connection c, String table, Collection<Long> from, Collection<Long> to) throws SQLException {
        if (from.isEmpty() || to.isEmpty()) {
            return Set.of();
        }
        String second = "blocks".equals(table) ? "blocked_user_id" : "friend_id";
        String inFrom = from.stream().map(x -> "?").collect(Collectors.joining(","));
        String inTo = to.stream().map(x -> "?").collect(Collectors.joining(","));
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id, " + second + " FROM " + table
                + " WHERE user_id IN (" + inFrom + ") AND " + second + " IN (" + inTo + ")")) {
            int i = 1;
            for (Long id : from) {
                ps.setLong(i++, id);
            }
            for (Long id : to) {
                ps.setLong(i++, id);
            }
            Set<String> out = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1) + ":" + rs.getLong(2));
                }
            }
            return out;
        }
    }

    private static FriendRequestRecord request(ResultSet rs) throws SQLException {
        return new FriendRequestRecord(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getLong(7));
    }

    private static FriendRecord friend(ResultSet rs) throws SQLException {
        return new FriendRecord(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4));
    }
}
