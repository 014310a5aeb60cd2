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
