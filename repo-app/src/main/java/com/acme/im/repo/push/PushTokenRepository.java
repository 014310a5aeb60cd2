package com.acme.im.repo.push;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * push_tokens 表的 SQL：每个 (用户, 设备) 一行，登记即覆盖。
 */
@Singleton
public class PushTokenRepository {

    public void upsert(Connection c, PushTokenRecord t, boolean enabled, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO push_tokens (user_id, device_id, platform, token, enabled, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE platform = VALUES(platform), token = VALUES(token), "
                        + "enabled = VALUES(enabled), updated_at = VALUES(updated_at)")) {
            ps.setLong(1, t.userId());
            ps.setString(2, t.deviceId());
            ps.setString(3, t.platform());
            ps.setString(4, t.token());
            ps.setInt(5, enabled ? 1 : 0);
            ps.setLong(6, now);
            ps.executeUpdate();
        }
    }

    /**
     * 删除同一令牌在别处的记录（其他用户，或本用户的其他设备）：推送令牌标识一台手机上的应用安装，
     * 只能属于一个（用户, 设备）。按令牌而不按设备 ID 转移，因为设备 ID 由客户端自选、并不全局唯一，
     * 按它删除会让别人用相同的设备 ID 抹掉你的登记。
     *
     * @return 删除的行数
     */
    public int deleteElsewhere(Connection c, PushTokenRecord t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM push_tokens WHERE token = ? AND NOT (user_id = ? AND device_id = ?)")) {
            ps.setString(1, t.token());
            ps.setLong(2, t.userId());
            ps.setString(3, t.deviceId());
            return ps.executeUpdate();
        }
    }

    /** 删除用户某设备的令牌，返回是否确有删除。 */
    public boolean delete(Connection c, long userId, String deviceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM push_tokens WHERE user_id = ? AND device_id = ?")) {
            ps.setLong(1, userId);
            ps.setString(2, deviceId);
            return ps.executeUpdate() > 0;
        }
    }

    /**
     * 同 {@link #findEnabled}，但去掉对该会话开了免打扰的用户；exempt（被 @ 的用户）不受免打扰影响。
     * 免打扰按 (user_id, conversation_id) 唯一键逐点判断，一条语句完成。
     */
    public List<PushTokenRecord> findEnabledUnmuted(Connection c, Collection<Long> userIds, String conversationId,
                                                    Collection<Long> exempt) throws SQLException {
        if (userIds.isEmpty()) {
            return List.of();
        }
        String in = userIds.stream().map(x -> "?").collect(Collectors.joining(","));
        String notMuted = "NOT EXISTS (SELECT 1 FROM user_conversations uc WHERE uc.user_id = pt.user_id "
                + "AND uc.conversation_id = ? AND uc.muted = 1)";
        String filter = exempt.isEmpty() ? notMuted
                : "(pt.user_id IN (" + exempt.stream().map(x -> "?").collect(Collectors.joining(",")) + ") OR " + notMuted + ")";
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pt.user_id, pt.device_id, pt.platform, pt.token FROM push_tokens pt WHERE pt.enabled = 1 "
                        + "AND pt.user_id IN (" + in + ") AND " + filter + " ORDER BY pt.user_id, pt.device_id")) {
            int i = 1;
            for (Long id : userIds) {
                ps.setLong(i++, id);
            }
            for (Long id : exempt) {
                ps.setLong(i++, id);
            }
            ps.setString(i, conversationId);
            List<PushTokenRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PushTokenRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return out;
        }
    }

    public List<PushTokenRecord> findEnabled(Connection c, Collection<Long> userIds) throws SQLException {
        if (userIds.isEmpty()) {
            return List.of();
        }
        String in = userIds.stream().map(x -> "?").collect(Collectors.joining(","));
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT user_id, device_id, platform, token FROM push_tokens WHERE enabled = 1 AND user_id IN (" + in + ") "
                        + "ORDER BY user_id, device_id")) {
            int i = 1;
            for (Long id : userIds) {
                ps.setLong(i++, id);
            }
            List<PushTokenRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PushTokenRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return out;
        }
    }
}
