package com.acme.im.repo.audit;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * audit_hits 表的 SQL；命中词以换行分隔存放（词本身不含换行）。
 */
@Singleton
public class AuditRepository {

    /** 按（消息 ID，版本）幂等插入；返回是否为新记录。 */
    public boolean insert(Connection c, AuditHitRecord hit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT IGNORE INTO audit_hits (message_id, conversation_id, sender_id, words, action, created_at, edited_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, hit.messageId());
            ps.setString(2, hit.conversationId());
            ps.setLong(3, hit.senderId());
            ps.setString(4, String.join("\n", hit.words()));
            ps.setString(5, hit.action());
            ps.setLong(6, hit.createdAt());
            ps.setLong(7, hit.editedAt());
            return ps.executeUpdate() > 0;
        }
    }

    public List<AuditHitRecord> list(Connection c, String conversationId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT message_id, conversation_id, sender_id, words, action, created_at, edited_at FROM audit_hits "
                        + "WHERE conversation_id = ? ORDER BY created_at DESC, message_id DESC LIMIT ?")) {
            ps.setString(1, conversationId);
            ps.setInt(2, limit);
            List<AuditHitRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String words = rs.getString("words");
                    out.add(new AuditHitRecord(rs.getLong("message_id"), rs.getString("conversation_id"),
                            rs.getLong("sender_id"), words.isEmpty() ? List.of() : Arrays.asList(words.split("\n")),
                            rs.getString("action"), rs.getLong("created_at"), rs.getLong("edited_at")));
                }
            }
            return out;
        }
    }
}
