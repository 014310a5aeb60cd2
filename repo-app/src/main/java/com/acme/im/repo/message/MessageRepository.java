package com.acme.im.repo.message;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * messages 表的 SQL。分页都走唯一索引 (conversation_id, seq)。
 */
@Singleton
public class MessageRepository {

    static final String COLUMNS = "id, conversation_id, seq, sender_id, type, content, client_msg_id, created_at";

    /** 插入消息并返回自增 ID；client_msg_id 重复时抛出唯一键 uk_messages_sender_client 冲突。 */
    public long insert(Connection c, String conversationId, long seq, long senderId, int type, String content,
                       String clientMsgId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO messages (conversation_id, seq, sender_id, type, content, client_msg_id, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, conversationId);
            ps.setLong(2, seq);
            ps.setLong(3, senderId);
            ps.setInt(4, type);
            ps.setString(5, content);
            ps.setString(6, clientMsgId);
            ps.setLong(7, now);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** 替换内容；返回是否找到该消息（驱动按“匹配行数”计数，重复遮蔽也返回 true）。 */
    public boolean updateContent(Connection c, long id, String content) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET content = ? WHERE id = ?")) {
            ps.setString(1, content);
            ps.setLong(2, id);
            return ps.executeUpdate() > 0;
        }
    }

    public Optional<MessageRecord> findById(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM messages WHERE id = ?")) {
            ps.setLong(1, id);
            return single(ps);
        }
    }

    public Optional<MessageRecord> findByClientMsgId(Connection c, long senderId, String clientMsgId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM messages WHERE sender_id = ? AND client_msg_id = ?")) {
            ps.setLong(1, senderId);
            ps.setString(2, clientMsgId);
            return single(ps);
        }
    }

    /** seq 小于 beforeSeq 的最近 limit 条（beforeSeq 为 Long.MAX_VALUE 时即最新一页），升序返回。 */
    public List<MessageRecord> pageBefore(Connection c, String conversationId, long beforeSeq, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?")) {
            ps.setString(1, conversationId);
            ps.setLong(2, beforeSeq);
            ps.setInt(3, limit);
            List<MessageRecord> rows = list(ps);
            Collections.reverse(rows);
            return rows;
        }
    }

    /** seq 大于 afterSeq 的最早 limit 条，升序返回。 */
    public List<MessageRecord> pageAfter(Connection c, String conversationId, long afterSeq, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq ASC LIMIT ?")) {
            ps.setString(1, conversationId);
            ps.setLong(2, afterSeq);
            ps.setInt(3, limit);
            return list(ps);
        }
    }

    public static MessageRecord map(ResultSet rs, String prefix) throws SQLException {
        return new MessageRecord(rs.getLong(prefix + "id"), rs.getString(prefix + "conversation_id"),
                rs.getLong(prefix + "seq"), rs.getLong(prefix + "sender_id"), rs.getInt(prefix + "type"),
                rs.getString(prefix + "content"), rs.getString(prefix + "client_msg_id"),
                rs.getLong(prefix + "created_at"));
    }

    private static Optional<MessageRecord> single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(map(rs, "")) : Optional.empty();
        }
    }

    private static List<MessageRecord> list(PreparedStatement ps) throws SQLException {
        List<MessageRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(map(rs, ""));
            }
        }
        return out;
    }
}
