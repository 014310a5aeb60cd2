package com.acme.im.repo.admin;

import com.acme.im.repo.admin.AdminRecords.Action;
import com.acme.im.repo.admin.AdminRecords.Admin;
import com.acme.im.repo.admin.AdminRecords.AdminCredentials;
import com.acme.im.repo.admin.AdminRecords.AdminUser;
import com.acme.im.repo.admin.AdminRecords.AuditHit;
import com.acme.im.repo.user.UserRecord;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * admins、user_bans、audit_hits（复核列）、sensitive_words、admin_actions 的 SQL。
 */
@Singleton
public class AdminRepository {

    private static final String USER_COLUMNS = "u.id, u.username, u.nickname, u.avatar_url, u.created_at, "
            + "b.banned_at, b.banned_by, b.reason";
    private static final String HIT_COLUMNS = "id, message_id, conversation_id, sender_id, words, action, created_at, "
            + "edited_at, review_verdict, reviewed_at, reviewed_by";

    // ---------- 管理员 ----------

    /** 用户名已存在时不插入；返回是否插入。 */
    public boolean insertAdminIfAbsent(Connection c, String username, String passwordHash, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT IGNORE INTO admins (username, password_hash, created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, username);
            ps.setString(2, passwordHash);
            ps.setLong(3, now);
            return ps.executeUpdate() > 0;
        }
    }

    public boolean adminExists(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM admins WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public long countAdmins(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM admins"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    Optional<AdminCredentials> findCredentials(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, username, created_at, password_hash FROM admins WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new AdminCredentials(admin(rs), rs.getString("password_hash"))) : Optional.empty();
            }
        }
    }

    public Optional<Admin> findAdmin(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, username, created_at FROM admins WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(admin(rs)) : Optional.empty();
            }
        }
    }

    private static Admin admin(ResultSet rs) throws SQLException {
        return new Admin(rs.getLong("id"), rs.getString("username"), rs.getLong("created_at"));
    }

    // ---------- 用户与封禁 ----------

    /** 按 ID 升序列出用户；pattern 为 LIKE 模式（已转义）或 null。 */
    public List<AdminUser> listUsers(Connection c, String pattern, boolean bannedOnly, long afterId, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + USER_COLUMNS + " FROM users u ")
                .append(bannedOnly ? "JOIN" : "LEFT JOIN").append(" user_bans b ON b.user_id = u.id WHERE u.id > ?");
        if (pattern != null) {
            sql.append(" AND (u.username LIKE ? OR u.nickname LIKE ?)");
        }
        sql.append(" ORDER BY u.id LIMIT ?");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setLong(i++, afterId);
            if (pattern != null) {
                ps.setString(i++, pattern);
                ps.setString(i++, pattern);
            }
            ps.setInt(i, limit);
            List<AdminUser> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(adminUser(rs));
                }
            }
            return out;
        }
    }

    public Optional<AdminUser> findUser(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + USER_COLUMNS
                + " FROM users u LEFT JOIN user_bans b ON b.user_id = u.id WHERE u.id = ?")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(adminUser(rs)) : Optional.empty();
            }
        }
    }

    /** 锁住用户行（封禁与登录签发会话互斥的依据）；用户不存在返回 false。 */
    public boolean lockUser(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM users WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * 签发会话前用：以共享锁读用户行并查封禁。封禁事务对用户行加排他锁，两者因此串行，
     * 不会出现“封禁吊销了全部会话之后，并发的登录又签出一个新会话”。
     */
    public boolean bannedShared(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT b.user_id FROM users u LEFT JOIN user_bans b "
                + "ON b.user_id = u.id WHERE u.id = ? LOCK IN SHARE MODE")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                rs.getLong(1);
                return !rs.wasNull();
            }
        }
    }

    /** 封禁；已封禁时保留最初的封禁记录。 */
    public void ban(Connection c, long userId, long adminId, String reason, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT IGNORE INTO user_bans (user_id, banned_at, banned_by, reason) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, userId);
            ps.setLong(2, now);
            ps.setLong(3, adminId);
            ps.setString(4, reason);
            ps.executeUpdate();
        }
    }

    public void unban(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM user_bans WHERE user_id = ?")) {
            ps.setLong(1, userId);
            ps.executeUpdate();
        }
    }

    public boolean isBanned(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM user_bans WHERE user_id = ?")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** 吊销该用户全部仍有效的会话，返回它们的 ID。 */
    public List<String> revokeAllSessions(Connection c, long userId, long now) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT session_id FROM auth_sessions WHERE user_id = ? AND revoked_at IS NULL FOR UPDATE")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        if (!ids.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE auth_sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")) {
                ps.setLong(1, now);
                ps.setLong(2, userId);
                ps.executeUpdate();
            }
        }
        return ids;
    }

    private static AdminUser adminUser(ResultSet rs) throws SQLException {
        UserRecord user = new UserRecord(rs.getLong("id"), rs.getString("username"), rs.getString("nickname"),
                rs.getString("avatar_url"), rs.getLong("created_at"));
        long bannedAt = rs.getLong("banned_at");
        boolean banned = !rs.wasNull();
        String reason = rs.getString("reason");
        return new AdminUser(user, banned, banned ? bannedAt : 0, banned ? rs.getLong("banned_by") : 0,
                reason == null ? "" : reason);
    }

    // ---------- 审核命中 ----------

    public List<AuditHit> listHits(Connection c, String status, String conversationId, long beforeId, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + HIT_COLUMNS + " FROM audit_hits WHERE id < ?");
        if (conversationId != null) {
            sql.append(" AND conversation_id = ?");
        }
        if ("unreviewed".equals(status)) {
            sql.append(" AND review_verdict = ''");
        } else if ("reviewed".equals(status)) {
            sql.append(" AND review_verdict <> ''");
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setLong(i++, beforeId);
            if (conversationId != null) {
                ps.setString(i++, conversationId);
            }
            ps.setInt(i, limit);
            List<AuditHit> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(hit(rs));
                }
            }
            return out;
        }
    }

    public Optional<AuditHit> findHit(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + HIT_COLUMNS + " FROM audit_hits WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(hit(rs)) : Optional.empty();
            }
        }
    }

    public boolean reviewHit(Connection c, long id, String verdict, long adminId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE audit_hits SET review_verdict = ?, reviewed_at = ?, reviewed_by = ? WHERE id = ?")) {
            ps.setString(1, verdict);
            ps.setLong(2, now);
            ps.setLong(3, adminId);
            ps.setLong(4, id);
            return ps.executeUpdate() > 0;
        }
    }

    private static AuditHit hit(ResultSet rs) throws SQLException {
        String words = rs.getString("words");
        return new AuditHit(rs.getLong("id"), rs.getLong("message_id"), rs.getString("conversation_id"),
                rs.getLong("sender_id"), words.isEmpty() ? List.of() : Arrays.asList(words.split("\n")),
                rs.getString("action"), rs.getLong("created_at"), rs.getLong("edited_at"),
                rs.getString("review_verdict"), rs.getLong("reviewed_at"), rs.getLong("reviewed_by"));
    }

    // ---------- 敏感词 ----------

    public boolean insertWord(Connection c, String word, long adminId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT IGNORE INTO sensitive_words (word, created_at, created_by) VALUES (?, ?, ?)")) {
            ps.setString(1, word);
            ps.setLong(2, now);
            ps.setLong(3, adminId);
            return ps.executeUpdate() > 0;
        }
    }

    public boolean deleteWord(Connection c, String word) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sensitive_words WHERE word = ?")) {
            ps.setString(1, word);
            return ps.executeUpdate() > 0;
        }
    }

    public long countWords(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM sensitive_words"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public List<String> words(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT word FROM sensitive_words ORDER BY word");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** 版本加一（在改词的同一事务里调用，行锁让并发修改串行）。 */
    public long bumpWordVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sensitive_word_version SET version = version + 1 WHERE id = 1")) {
            ps.executeUpdate();
        }
        return wordVersion(c);
    }

    public long wordVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM sensitive_word_version WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    // ---------- 管理操作记录 ----------

    public long insertAction(Connection c, Action a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO admin_actions (admin_id, admin_username, action, target, detail, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, a.adminId());
            ps.setString(2, a.adminUsername());
            ps.setString(3, a.action());
            ps.setString(4, a.target());
            ps.setString(5, a.detail());
            ps.setLong(6, a.createdAt());
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public List<Action> listActions(Connection c, long adminId, long beforeId, int limit) throws SQLException {
        String sql = "SELECT id, admin_id, admin_username, action, target, detail, created_at FROM admin_actions WHERE id < ?"
                + (adminId > 0 ? " AND admin_id = ?" : "") + " ORDER BY id DESC LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setLong(i++, beforeId);
            if (adminId > 0) {
                ps.setLong(i++, adminId);
            }
            ps.setInt(i, limit);
            List<Action> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Action(rs.getLong("id"), rs.getLong("admin_id"), rs.getString("admin_username"),
                            rs.getString("action"), rs.getString("target"), rs.getString("detail"), rs.getLong("created_at")));
                }
            }
            return out;
        }
    }

    // ---------- 系统数字 ----------

    /** 最近 since 之后保存的消息数：只回看最新的 scanLimit 条（按主键倒序），不做全表扫描。 */
    public long messagesSince(Connection c, long since, int scanLimit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (SELECT created_at FROM messages "
                + "ORDER BY id DESC LIMIT ?) recent WHERE created_at >= ?")) {
            ps.setInt(1, scanLimit);
            ps.setLong(2, since);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public long count(Connection c, String table) throws SQLException {
        // table 只来自本类的常量调用，不含外部输入
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
