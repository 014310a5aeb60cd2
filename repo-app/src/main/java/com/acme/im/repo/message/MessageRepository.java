package com.acme.im.repo.message;

import com.acme.im.repo.db.AutoIncrement;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * messages 表的 SQL。分页都走唯一索引 (conversation_id, seq)。
 */
@Singleton
public class MessageRepository {

    /** 多行语句每次最多的行数，限制单条语句大小（内容最长约 16 KB）。 */
    private static final int INSERT_CHUNK = 200;

    static final String COLUMNS = "id, conversation_id, seq, sender_id, type, content, client_msg_id, created_at, "
            + "reply_to, edited_at, recalled_at, recalled_by, mentions";

    /** 插入消息并返回自增 ID；client_msg_id 重复时抛出唯一键 uk_messages_sender_client 冲突。 */
    public long insert(Connection c, String conversationId, long seq, long senderId, int type, String content,
                       String clientMsgId, long now, MessageSource source, long replyTo) throws SQLException {
        return insert(c, conversationId, seq, senderId, type, content, clientMsgId, now, source, replyTo, Mentions.NONE);
    }

    /** 同上，并写入 @ 列表。 */
    public long insert(Connection c, String conversationId, long seq, long senderId, int type, String content,
                       String clientMsgId, long now, MessageSource source, long replyTo, Mentions mentions)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO messages (conversation_id, seq, sender_id, type, content, client_msg_id, created_at, "
                        + "src_partition, src_offset, reply_to, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, conversationId);
            ps.setLong(2, seq);
            ps.setLong(3, senderId);
            ps.setInt(4, type);
            ps.setString(5, content);
            ps.setString(6, clientMsgId);
            ps.setLong(7, now);
            ps.setInt(8, source.partition());
            ps.setLong(9, source.offset());
            ps.setLong(10, replyTo);
            ps.setString(11, mentions.encode());
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * 多行插入（调用方在事务中、已锁住会话行并分配好 seq）。不取自增 ID：MySQL 8 的交错自增模式下
     * 多行插入的 ID 不保证连续，由调用方随后按 (conversation_id, seq) 查回。
     */
    public void insertAll(Connection c, List<NewMessage> rows) throws SQLException {
        insertAll(c, rows, null);
    }

    /**
     * 多行插入，并在自增连续（{@link AutoIncrement.Settings#consecutive()}）时直接推出每行的 ID：
     * 每块的第一个 ID 加上行号乘步长，省掉一次按 seq 查回的往返。不连续时返回 null，调用方用 {@link #idsBySeq}。
     */
    public List<Long> insertAllReturningIds(Connection c, List<NewMessage> rows, AutoIncrement.Settings autoIncrement)
            throws SQLException {
        if (!autoIncrement.consecutive()) {
            insertAll(c, rows, null);
            return null;
        }
        List<Long> ids = new ArrayList<>(rows.size());
        insertAll(c, rows, (first, count) -> {
            for (int k = 0; k < count; k++) {
                ids.add(first + k * autoIncrement.increment());
            }
        });
        return ids;
    }

    /** 每块插入后拿到的第一个自增 ID 与行数。 */
    private interface ChunkKeys {
        void accept(long firstId, int count);
    }

    private void insertAll(Connection c, List<NewMessage> rows, ChunkKeys keys) throws SQLException {
        for (int from = 0; from < rows.size(); from += INSERT_CHUNK) {
            List<NewMessage> chunk = rows.subList(from, Math.min(rows.size(), from + INSERT_CHUNK));
            StringBuilder sql = new StringBuilder("INSERT INTO messages (conversation_id, seq, sender_id, type, content, "
                    + "client_msg_id, created_at, src_partition, src_offset, reply_to, mentions) VALUES ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            }
            try (PreparedStatement ps = keys == null ? c.prepareStatement(sql.toString())
                    : c.prepareStatement(sql.toString(), Statement.RETURN_GENERATED_KEYS)) {
                int i = 1;
                for (NewMessage m : chunk) {
                    ps.setString(i++, m.conversationId());
                    ps.setLong(i++, m.seq());
                    ps.setLong(i++, m.senderId());
                    ps.setInt(i++, m.type());
                    ps.setString(i++, m.content());
                    ps.setString(i++, m.clientMsgId());
                    ps.setLong(i++, m.createdAt());
                    ps.setInt(i++, m.source().partition());
                    ps.setLong(i++, m.source().offset());
                    ps.setLong(i++, m.replyTo());
                    ps.setString(i++, m.mentions().encode());
                }
                ps.executeUpdate();
                if (keys != null) {
                    try (ResultSet rs = ps.getGeneratedKeys()) {
                        if (!rs.next()) {
                            throw new SQLException("no generated key for a multi-row insert");
                        }
                        keys.accept(rs.getLong(1), chunk.size());
                    }
                }
            }
        }
    }

    /** 按会话的 seq 区间查回消息 ID；键为 conversationId + '#' + seq。 */
    public Map<String, Long> idsBySeq(Connection c, Map<String, long[]> seqRanges) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        if (seqRanges.isEmpty()) {
            return out;
        }
        StringBuilder sql = new StringBuilder("SELECT id, conversation_id, seq FROM messages WHERE ");
        int n = 0;
        for (int k = 0; k < seqRanges.size(); k++) {
            sql.append(n++ == 0 ? "" : " OR ").append("(conversation_id = ? AND seq BETWEEN ? AND ?)");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (Map.Entry<String, long[]> e : seqRanges.entrySet()) {
                ps.setString(i++, e.getKey());
                ps.setLong(i++, e.getValue()[0]);
                ps.setLong(i++, e.getValue()[1]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(2) + "#" + rs.getLong(3), rs.getLong(1));
                }
            }
        }
        return out;
    }

    /**
     * 批量按 (sender_id, client_msg_id) 查已保存的消息及其来源；键为 senderId + ':' + clientMsgId。
     * 用 OR 连接的等值条件，优化器按唯一索引逐点查找。
     */
    public Map<String, StoredMessage> findByClientMsgIds(Connection c, List<SaveCommand> commands) throws SQLException {
        Map<String, StoredMessage> out = new HashMap<>();
        for (int from = 0; from < commands.size(); from += INSERT_CHUNK) {
            List<SaveCommand> chunk = commands.subList(from, Math.min(commands.size(), from + INSERT_CHUNK));
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + ", src_partition, src_offset FROM messages WHERE ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : " OR ").append("(sender_id = ? AND client_msg_id = ?)");
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                for (SaveCommand cmd : chunk) {
                    ps.setLong(i++, cmd.senderId());
                    ps.setString(i++, cmd.clientMsgId());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        MessageRecord m = map(rs, "");
                        out.put(clientKey(m.senderId(), m.clientMsgId()),
                                new StoredMessage(m, new MessageSource(rs.getInt("src_partition"), rs.getLong("src_offset"))));
                    }
                }
            }
        }
        return out;
    }

    /** 幂等键的字符串形式。 */
    public static String clientKey(long senderId, String clientMsgId) {
        return senderId + ":" + clientMsgId;
    }

    /** 待插入的一行。 */
    public record NewMessage(String conversationId, long seq, long senderId, int type, String content, String clientMsgId,
                             long createdAt, MessageSource source, long replyTo, Mentions mentions) {

        /** 没有 @ 的一行。 */
        public NewMessage(String conversationId, long seq, long senderId, int type, String content, String clientMsgId,
                          long createdAt, MessageSource source, long replyTo) {
            this(conversationId, seq, senderId, type, content, clientMsgId, createdAt, source, replyTo, Mentions.NONE);
        }
    }

    /** 已保存的消息与其来源。 */
    public record StoredMessage(MessageRecord message, MessageSource source) {
    }

    /**
     * 审核遮蔽：只在消息未撤回、且仍是被审核的那个版本（edited_at 相同）时替换内容；
     * 返回是否匹配到行（驱动按“匹配行数”计数，重复遮蔽也返回 true）。
     */
    public boolean updateContent(Connection c, long id, String content, long expectedEditedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE messages SET content = ? WHERE id = ? AND recalled_at = 0 AND edited_at = ?")) {
            ps.setString(1, content);
            ps.setLong(2, id);
            ps.setLong(3, expectedEditedAt);
            return ps.executeUpdate() > 0;
        }
    }

    /** 锁住一条消息（撤回、编辑在同一事务里先读后写）。 */
    public Optional<MessageRecord> lockById(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM messages WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            return single(ps);
        }
    }

    /** 撤回：清空内容留下墓碑。 */
    public void markRecalled(Connection c, long id, long actorId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE messages SET content = '', recalled_at = ?, recalled_by = ? WHERE id = ?")) {
            ps.setLong(1, now);
            ps.setLong(2, actorId);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    /** 编辑：新内容与编辑时间。 */
    public void markEdited(Connection c, long id, String content, long editedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET content = ?, edited_at = ? WHERE id = ?")) {
            ps.setString(1, content);
            ps.setLong(2, editedAt);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    /** 记下撤回或编辑前的原文（审计用，客户端永远看不到）。 */
    public void insertRevision(Connection c, MessageRecord before, String action, long actorId, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO message_revisions "
                + "(message_id, conversation_id, action, actor_id, old_content, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, before.id());
            ps.setString(2, before.conversationId());
            ps.setString(3, action);
            ps.setLong(4, actorId);
            ps.setString(5, before.content());
            ps.setLong(6, now);
            ps.executeUpdate();
        }
    }

    /** 一条修订记录。 */
    public record Revision(long messageId, String action, long actorId, String oldContent, long createdAt) {
    }

    /** 某消息的修订记录，按时间先后。 */
    public List<Revision> revisions(Connection c, long messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT message_id, action, actor_id, old_content, created_at "
                + "FROM message_revisions WHERE message_id = ? ORDER BY id")) {
            ps.setLong(1, messageId);
            List<Revision> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Revision(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5)));
                }
            }
            return out;
        }
    }

    /** 按 ID 批量查消息所在的会话（校验 reply_to）；不存在的 ID 不在结果里。 */
    public Map<Long, String> conversationsOf(Connection c, Collection<Long> ids) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        List<Long> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += INSERT_CHUNK) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + INSERT_CHUNK));
            String in = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT id, conversation_id FROM messages WHERE id IN (" + in + ")")) {
                int i = 1;
                for (long id : chunk) {
                    ps.setLong(i++, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getString(2));
                    }
                }
            }
        }
        return out;
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
                rs.getLong(prefix + "created_at"), rs.getLong(prefix + "reply_to"), rs.getLong(prefix + "edited_at"),
                rs.getLong(prefix + "recalled_at"), rs.getLong(prefix + "recalled_by"),
                Mentions.decode(rs.getString(prefix + "mentions")));
    }

    /**
     * 一批 @ 的成员校验，一次查询：键为群 ID，值为要检查的用户；返回其中确是成员的（群 ID → 用户集合）。
     */
    public Map<Long, java.util.Set<Long>> groupMembersAmong(Connection c, Map<Long, ? extends Collection<Long>> wanted)
            throws SQLException {
        Map<Long, java.util.Set<Long>> out = new HashMap<>();
        if (wanted.isEmpty()) {
            return out;
        }
        StringBuilder sql = new StringBuilder("SELECT group_id, user_id FROM group_members WHERE ");
        int n = 0;
        for (Map.Entry<Long, ? extends Collection<Long>> e : wanted.entrySet()) {
            sql.append(n++ == 0 ? "" : " OR ").append("(group_id = ? AND user_id IN (")
                    .append(String.join(", ", Collections.nCopies(e.getValue().size(), "?"))).append("))");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (Map.Entry<Long, ? extends Collection<Long>> e : wanted.entrySet()) {
                ps.setLong(i++, e.getKey());
                for (long u : e.getValue()) {
                    ps.setLong(i++, u);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new java.util.HashSet<>()).add(rs.getLong(2));
                }
            }
        }
        return out;
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
