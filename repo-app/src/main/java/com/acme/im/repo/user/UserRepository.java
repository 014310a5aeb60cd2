package com.acme.im.repo.user;

import com.acme.im.repo.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

/**
 * users 表的 SQL。
 */
@Singleton
public class UserRepository {

    private static final String COLUMNS = "id, username, nickname, avatar_url, created_at";

    private final Database db;

    public UserRepository(Database db) {
        this.db = db;
    }

    /** 插入新用户；用户名冲突时抛出 SQLException（唯一键 uk_users_username），由调用方转换。 */
    public long insert(Connection c, String username, String passwordHash, String nickname, String avatarUrl, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO users (username, password_hash, nickname, avatar_url, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, username);
            ps.setString(2, passwordHash);
            ps.setString(3, nickname);
            ps.setString(4, avatarUrl);
            ps.setLong(5, now);
            ps.setLong(6, now);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Optional<UserRecord> findById(long id) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    public Optional<Long> findIdByUsername(String username) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM users WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                }
            }
        });
    }

    public Optional<UserCredentials> findCredentials(String username) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + ", password_hash FROM users WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new UserCredentials(map(rs), rs.getString("password_hash")))
                            : Optional.empty();
                }
            }
        });
    }

    public List<UserRecord> findByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return db.run(c -> findByIds(c, ids));
    }

    /** 在给定连接上按 ID 批量查（事务内校验用户存在时使用）。 */
    public List<UserRecord> findByIds(Connection c, Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        String in = ids.stream().map(x -> "?").collect(Collectors.joining(","));
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE id IN (" + in + ")")) {
            int i = 1;
            for (Long id : ids) {
                ps.setLong(i++, id);
            }
            List<UserRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        }
    }

    /** 更新昵称/头像（null 表示不改）；返回是否找到该用户。 */
    public boolean updateProfile(long id, String nickname, String avatarUrl, long now) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE users SET nickname = COALESCE(?, nickname), avatar_url = COALESCE(?, avatar_url), updated_at = ? WHERE id = ?")) {
                ps.setString(1, nickname);
                ps.setString(2, avatarUrl);
                ps.setLong(3, now);
                ps.setLong(4, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static UserRecord map(ResultSet rs) throws SQLException {
        return new UserRecord(rs.getLong("id"), rs.getString("username"), rs.getString("nickname"),
                rs.getString("avatar_url"), rs.getLong("created_at"));
    }
}
