package com.acme.im.repo.group;

import com.acme.im.repo.db.Database;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * im_groups 与 group_members 两张表的 SQL。
 */
@Singleton
public class GroupRepository {

    private static final String GROUP_COLUMNS =
            "id, name, owner_id, member_count, created_at, announcement, announcement_at, all_muted, dissolved_at";
    private static final String MEMBER_COLUMNS = "group_id, user_id, role, joined_at, muted";

    private final Database db;

    public GroupRepository(Database db) {
        this.db = db;
    }

    public long insertGroup(Connection c, String name, long ownerId, int memberCount, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO im_groups (name, owner_id, member_count, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, name);
            ps.setLong(2, ownerId);
            ps.setInt(3, memberCount);
            ps.setLong(4, now);
            ps.setLong(5, now);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public boolean insertMember(Connection c, long groupId, long userId, int role, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT IGNORE INTO group_members (group_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, groupId);
            ps.setLong(2, userId);
            ps.setInt(3, role);
            ps.setLong(4, now);
            return ps.executeUpdate() > 0;
        }
    }

    public Optional<GroupRecord> find(long groupId) {
        return db.run(c -> find(c, groupId, false));
    }

    /** 读取群组；forUpdate 时加行锁，使成员数的读改写在并发增删成员时保持准确。 */
    public Optional<GroupRecord> find(Connection c, long groupId, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + GROUP_COLUMNS + " FROM im_groups WHERE id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setLong(1, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapGroup(rs)) : Optional.empty();
            }
        }
    }

    public void setMemberCount(Connection c, long groupId, int count, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE im_groups SET member_count = ?, updated_at = ? WHERE id = ?")) {
            ps.setInt(1, count);
            ps.setLong(2, now);
            ps.setLong(3, groupId);
            ps.executeUpdate();
        }
    }

    /** 这些用户中已是成员者及其角色。 */
    public Map<Long, Integer> roles(Connection c, long groupId, Collection<Long> userIds) throws SQLException {
        Map<Long, Integer> out = new HashMap<>();
        if (userIds.isEmpty()) {
            return out;
        }
        String in = userIds.stream().map(x -> "?").collect(Collectors.joining(","));
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT user_id, role FROM group_members WHERE group_id = ? AND user_id IN (" + in + ")")) {
            int i = 1;
            ps.setLong(i++, groupId);
            for (Long id : userIds) {
                ps.setLong(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getInt(2));
                }
            }
        }
        return out;
    }

    public void updateRole(Connection c, long groupId, long userId, int role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE group_members SET role = ? WHERE group_id = ? AND user_id = ?")) {
            ps.setInt(1, role);
            ps.setLong(2, groupId);
            ps.setLong(3, userId);
            ps.executeUpdate();
        }
    }

    /** 改公告（announcement 非空时）与全员禁言（allMuted 非空时）。 */
    public void updateSettings(Connection c, long groupId, String announcement, Boolean allMuted, long now)
            throws SQLException {
        if (announcement != null) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE im_groups SET announcement = ?, announcement_at = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, announcement);
                ps.setLong(2, now);
                ps.setLong(3, now);
                ps.setLong(4, groupId);
                ps.executeUpdate();
            }
        }
        if (allMuted != null) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE im_groups SET all_muted = ?, updated_at = ? WHERE id = ?")) {
                ps.setInt(1, allMuted ? 1 : 0);
                ps.setLong(2, now);
                ps.setLong(3, groupId);
                ps.executeUpdate();
            }
        }
    }

    public void setOwner(Connection c, long groupId, long ownerId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE im_groups SET owner_id = ?, updated_at = ? WHERE id = ?")) {
            ps.setLong(1, ownerId);
            ps.setLong(2, now);
            ps.setLong(3, groupId);
            ps.executeUpdate();
        }
    }

    public void setDissolved(Connection c, long groupId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE im_groups SET dissolved_at = ?, updated_at = ? WHERE id = ? AND dissolved_at = 0")) {
            ps.setLong(1, now);
            ps.setLong(2, now);
            ps.setLong(3, groupId);
            ps.executeUpdate();
        }
    }

    public void setMemberMuted(Connection c, long groupId, long userId, boolean muted) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE group_members SET muted = ? WHERE group_id = ? AND user_id = ?")) {
            ps.setInt(1, muted ? 1 : 0);
            ps.setLong(2, groupId);
            ps.setLong(3, userId);
            ps.executeUpdate();
        }
    }

    /** 在事务内读取单个成员（加行锁），用于角色与禁言的读改写。 */
    public Optional<MemberRecord> findMember(Connection c, long groupId, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + MEMBER_COLUMNS + " FROM group_members WHERE group_id = ? AND user_id = ? FOR UPDATE")) {
            ps.setLong(1, groupId);
            ps.setLong(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapMember(rs)) : Optional.empty();
            }
        }
    }

    public boolean deleteMember(Connection c, long groupId, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM group_members WHERE group_id = ? AND user_id = ?")) {
            ps.setLong(1, groupId);
            ps.setLong(2, userId);
            return ps.executeUpdate() > 0;
        }
    }

    public Optional<MemberRecord> findMember(long groupId, long userId) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + MEMBER_COLUMNS + " FROM group_members WHERE group_id = ? AND user_id = ?")) {
                ps.setLong(1, groupId);
                ps.setLong(2, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(mapMember(rs)) : Optional.empty();
                }
            }
        });
    }

    /** 按 user_id 游标分页；多取一条判断是否还有更多由调用方负责。 */
    public List<MemberRecord> pageMembers(long groupId, long afterUserId, int limit) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + MEMBER_COLUMNS + " FROM group_members WHERE group_id = ? AND user_id > ? "
                            + "ORDER BY user_id LIMIT ?")) {
                ps.setLong(1, groupId);
                ps.setLong(2, afterUserId);
                ps.setInt(3, limit);
                List<MemberRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(mapMember(rs));
                    }
                }
                return out;
            }
        });
    }

    private static GroupRecord mapGroup(ResultSet rs) throws SQLException {
        return new GroupRecord(rs.getLong("id"), rs.getString("name"), rs.getLong("owner_id"),
                rs.getInt("member_count"), rs.getLong("created_at"), rs.getString("announcement"),
                rs.getLong("announcement_at"), rs.getInt("all_muted") != 0, rs.getLong("dissolved_at"));
    }

    private static MemberRecord mapMember(ResultSet rs) throws SQLException {
        return new MemberRecord(rs.getLong("group_id"), rs.getLong("user_id"), rs.getInt("role"), rs.getLong("joined_at"),
                rs.getInt("muted") != 0);
    }
}
