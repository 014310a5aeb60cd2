package com.acme.im.repo.session;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * auth_sessions、refresh_tokens、revoked_access_tokens 三张表的 SQL。
 */
@Singleton
public class SessionRepository {

    /** 加锁读出的刷新令牌行。 */
    public record TokenRow(long id, String sessionId, long userId, boolean used, long expiresAt, boolean revoked) {
    }

    public void insertSession(Connection c, String sessionId, long userId, String deviceId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO auth_sessions (session_id, user_id, device_id, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, sessionId);
            ps.setLong(2, userId);
            ps.setString(3, deviceId);
            ps.setLong(4, now);
            ps.executeUpdate();
        }
    }

    public void insertToken(Connection c, String hash, String sessionId, long userId, long expiresAt, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO refresh_tokens (token_hash, session_id, user_id, used, expires_at, created_at) VALUES (?, ?, ?, 0, ?, ?)")) {
            ps.setString(1, hash);
            ps.setString(2, sessionId);
            ps.setLong(3, userId);
            ps.setLong(4, expiresAt);
            ps.setLong(5, now);
            ps.executeUpdate();
        }
    }

    /** 行锁读取令牌，保证同一令牌的并发轮换只有一个成功。 */
    public Optional<TokenRow> lockToken(Connection c, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT t.id, t.session_id, t.user_id, t.used, t.expires_at, s.revoked_at "
                        + "FROM refresh_tokens t JOIN auth_sessions s ON s.session_id = t.session_id "
                        + "WHERE t.token_hash = ? FOR UPDATE")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                rs.getLong("revoked_at");
                boolean revoked = !rs.wasNull();
                return Optional.of(new TokenRow(rs.getLong("id"), rs.getString("session_id"), rs.getLong("user_id"),
                        rs.getInt("used") != 0, rs.getLong("expires_at"), revoked));
            }
        }
    }

    public void markUsed(Connection c, long tokenId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE refresh_tokens SET used = 1 WHERE id = ?")) {
            ps.setLong(1, tokenId);
            ps.executeUpdate();
        }
    }

    /** 吊销令牌族；返回匹配到的会话数（已吊销的也算匹配，保证幂等）。 */
    public int revokeSession(Connection c, String sessionId, Long userId, long now) throws SQLException {
        String sql = "UPDATE auth_sessions SET revoked_at = COALESCE(revoked_at, ?) WHERE session_id = ?"
                + (userId == null ? "" : " AND user_id = ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, now);
            ps.setString(2, sessionId);
            if (userId != null) {
                ps.setLong(3, userId);
            }
            return ps.executeUpdate();
        }
    }

    public void revokeAccessToken(Connection c, String jti, String sessionId, long expiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO revoked_access_tokens (jti, session_id, expires_at) VALUES (?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE expires_at = GREATEST(expires_at, VALUES(expires_at))")) {
            ps.setString(1, jti);
            ps.setString(2, sessionId);
            ps.setLong(3, expiresAt);
            ps.executeUpdate();
        }
    }

    public boolean isRevoked(Connection c, String jti, String sessionId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT EXISTS(SELECT 1 FROM revoked_access_tokens WHERE jti = ? AND expires_at > ?) "
                        + "OR EXISTS(SELECT 1 FROM auth_sessions WHERE session_id = ? AND revoked_at IS NOT NULL)")) {
            ps.setString(1, jti);
            ps.setLong(2, now);
            ps.setString(3, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) != 0;
            }
        }
    }

    /**
     * 一次查询取出校验访问令牌所需的会话状态；会话不存在时为空。
     * jti 为空串时不会命中吊销表（jti 是主键，空串从不写入）。
     */
    public Optional<SessionState> sessionState(Connection c, String sessionId, String jti, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT s.user_id, s.revoked_at, "
                        + "EXISTS(SELECT 1 FROM revoked_access_tokens r WHERE r.jti = ? AND r.expires_at > ?) AS jti_revoked "
                        + "FROM auth_sessions s WHERE s.session_id = ?")) {
            ps.setString(1, jti);
            ps.setLong(2, now);
            ps.setString(3, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long userId = rs.getLong("user_id");
                rs.getLong("revoked_at");
                boolean revoked = !rs.wasNull();
                return Optional.of(new SessionState(userId, revoked, rs.getInt("jti_revoked") != 0));
            }
        }
    }

    /** 会话行的校验视图：所属用户、令牌族是否吊销、给定访问令牌是否被单独吊销。 */
    public record SessionState(long userId, boolean revoked, boolean accessTokenRevoked) {
    }

    /**
     * 用户的有效会话：未吊销，且还有未使用、未过期的刷新令牌（否则无法再续期，只剩短期访问令牌）。
     * 最近一次刷新取该会话最新刷新令牌的签发时间；平台取同一设备 ID 登记的推送令牌。
     */
    public List<SessionRow> listLive(Connection c, long userId, long now, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT s.session_id, s.device_id, s.created_at, MAX(t.created_at) AS last_refresh, MAX(p.platform) AS platform "
                        + "FROM auth_sessions s JOIN refresh_tokens t ON t.session_id = s.session_id "
                        + "LEFT JOIN push_tokens p ON p.user_id = s.user_id AND p.device_id = s.device_id "
                        + "WHERE s.user_id = ? AND s.revoked_at IS NULL "
                        + "GROUP BY s.session_id, s.device_id, s.created_at "
                        + "HAVING SUM(t.used = 0 AND t.expires_at > ?) > 0 "
                        + "ORDER BY s.created_at DESC, s.session_id LIMIT ?")) {
            ps.setLong(1, userId);
            ps.setLong(2, now);
            ps.setInt(3, limit);
            List<SessionRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String platform = rs.getString("platform");
                    out.add(new SessionRow(rs.getString("session_id"), rs.getString("device_id"),
                            platform == null ? "" : platform, rs.getLong("created_at"), rs.getLong("last_refresh")));
                }
            }
            return out;
        }
    }

    /** 有效会话行：令牌族、设备、推送平台（可空串）、创建时间与最近一次刷新时间。 */
    public record SessionRow(String sessionId, String deviceId, String platform, long createdAt, long lastRefreshAt) {
    }

    /** 清理已过期的令牌与吊销记录，防止表无限增长。 */
    public int purgeExpired(Connection c, long now) throws SQLException {
        int n;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM revoked_access_tokens WHERE expires_at <= ? LIMIT 10000")) {
            ps.setLong(1, now);
            n = ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM refresh_tokens WHERE expires_at <= ? LIMIT 10000")) {
            ps.setLong(1, now);
            n += ps.executeUpdate();
        }
        return n;
    }
}
