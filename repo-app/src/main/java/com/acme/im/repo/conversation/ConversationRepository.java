package com.acme.im.repo.conversation;

import com.acme.im.repo.db.SqlPipeline;
import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.runtime.conversation.ConversationKind;
import com.acme.im.repo.message.MessageRecord;
import com.acme.im.repo.message.MessageRepository;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * conversations 与 user_conversations 两张表的 SQL，包括序列号分配。
 */
@Singleton
public class ConversationRepository {

    /** 会话列表缓存的版本键：本类每个改动列表所见内容的写方法都在提交后作废相应的键。 */
    private final ConversationVersionStore lists;

    public ConversationRepository(ConversationVersionStore lists) {
        this.lists = lists;
    }

    private static final String CONV_COLUMNS =
            "c.id, c.type, c.group_id, c.max_seq, c.last_message_id, c.member_count, c.updated_at";
    /** 会话最后一条消息的列，带 m_ 前缀（MessageRepository.map(rs, "m_") 按此读取）。 */
    private static final String LAST_MESSAGE_COLUMNS =
            "m.id AS m_id, m.conversation_id AS m_conversation_id, m.seq AS m_seq, m.sender_id AS m_sender_id, "
            + "m.type AS m_type, m.content AS m_content, m.client_msg_id AS m_client_msg_id, m.created_at AS m_created_at, "
            + "m.reply_to AS m_reply_to, m.edited_at AS m_edited_at, m.recalled_at AS m_recalled_at, "
            + "m.recalled_by AS m_recalled_by, m.mentions AS m_mentions";
    private static final String USER_CONV_COLUMNS = CONV_COLUMNS + ", uc.read_seq, uc.joined_at, uc.pinned, uc.muted, uc.mention_seq";
    private static final String USER_CONV_FROM = "FROM user_conversations uc JOIN conversations c ON c.id = uc.conversation_id ";
    private static final String USER_CONV_SELECT = "SELECT " + USER_CONV_COLUMNS + ", " + LAST_MESSAGE_COLUMNS + " "
            + USER_CONV_FROM + "LEFT JOIN messages m ON m.id = c.last_message_id ";

    /**
     * 带显示名的会话记录：内层（派生表 t）选出用户的会话行，外层只为这些行回表取最后一条消息、对方资料与群名。
     * 单聊 ID 为 s_{小ID}_{大ID}，对方是两者中不等于调用者的那个（内层参数之后的最后一个参数）。
     */
    private static String titled(String inner) {
        return "SELECT t.*, " + LAST_MESSAGE_COLUMNS + ", "
                + "p.nickname AS peer_nickname, p.avatar_url AS peer_avatar_url, g.name AS group_name "
                + "FROM (" + inner + ") t "
                + "LEFT JOIN messages m ON m.id = t.last_message_id "
                + "LEFT JOIN users p ON t.type = " + ConversationKind.SINGLE.code() + " AND p.id = IF("
                + "CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(t.id, '_', 2), '_', -1) AS UNSIGNED) = ?, "
                + "CAST(SUBSTRING_INDEX(t.id, '_', -1) AS UNSIGNED), "
                + "CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(t.id, '_', 2), '_', -1) AS UNSIGNED)) "
                + "LEFT JOIN im_groups g ON t.type = " + ConversationKind.GROUP.code() + " AND g.id = t.group_id ";
    }

    /**
     * 会话列表一页，两条语句一次往返：先按索引数出总数，再只在两张窄表上排序分页（LIMIT 让 MariaDB 用优先队列只保留一页）。
     * 不用窗口函数 COUNT(*) OVER ()：它让全部行进临时表完整排序并反复按位置回读（每次约 270 次 Handler_read_rnd，
     * 不用时 40 次），服务端 CPU 是这里的两倍多。
     */
    private static final String LIST_PAGE = "SELECT COUNT(*) FROM user_conversations WHERE user_id = ?; "
            + "SELECT conversation_id FROM user_conversations WHERE user_id = ? AND conversation_id NOT LIKE 's\\_%' "
            + "LIMIT " + (ConversationListCache.MAX_GROUPS + 1) + "; "
            + titled("SELECT " + USER_CONV_COLUMNS + " "
            + USER_CONV_FROM + "WHERE uc.user_id = ? ORDER BY uc.pinned DESC, c.updated_at DESC, c.id ASC LIMIT ? OFFSET ?")
            + "ORDER BY t.pinned DESC, t.updated_at DESC, t.id ASC";

    /** 单个会话记录（带显示名）。 */
    private static final String ONE_TITLED = titled("SELECT " + USER_CONV_COLUMNS + " "
            + USER_CONV_FROM + "WHERE uc.user_id = ? AND uc.conversation_id = ?");

    /**
     * 分配下一个序列号（调用方必须处于事务中）。
     * 序列号方案：在数据库里原子递增 conversations.max_seq，用 LAST_INSERT_ID(expr) 把新值带回本连接。
     * 这条 UPDATE 持有会话行锁直到事务提交，所以同一会话的分配天然串行、严格递增；
     * 与消息插入同一事务，回滚时 max_seq 一并回退，消息的 seq 就是这一行的 seq，没有空洞。
     * 不依赖 Redis：Redis 丢数据（FLUSHALL、重启）对序列号没有任何影响，不可能重复或回退。
     *
     * @param touch 是否同时刷新 updated_at（保存消息时刷新，单独生成序列号时不刷新）
     * @return 新序列号；会话行不存在时为空
     */
    public OptionalLong allocateSeq(Connection c, String conversationId, boolean touch, long now) throws SQLException {
        lists.changedConversations(List.of(conversationId));
        String sql = "UPDATE conversations SET max_seq = LAST_INSERT_ID(max_seq + 1)"
                + (touch ? ", updated_at = ?" : "") + " WHERE id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (touch) {
                ps.setLong(i++, now);
            }
            ps.setString(i, conversationId);
            if (ps.executeUpdate() == 0) {
                return OptionalLong.empty();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT LAST_INSERT_ID()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return OptionalLong.of(rs.getLong(1));
        }
    }

    /**
     * 批量保存的第一步：按 ID 升序锁住这些会话行并读出 max_seq（调用方在事务中）。
     * 所有批次都按同一顺序加锁，并发批次之间不会互相死锁。缺失的会话不在结果中。
     */
    public Map<String, Long> lockMaxSeqs(Connection c, Collection<String> conversationIds) throws SQLException {
        return lockMaxSeqs(c, conversationIds, "");
    }

    /** 同上；prefix（如 START TRANSACTION）与加锁查询在同一次往返里发出。 */
    public Map<String, Long> lockMaxSeqs(Connection c, Collection<String> conversationIds, String prefix) throws SQLException {
        List<String> ids = new ArrayList<>(new TreeSet<>(conversationIds));
        StringBuilder sql = new StringBuilder("SELECT id, max_seq FROM conversations WHERE id IN (");
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        sql.append(") ORDER BY id FOR UPDATE");
        return SqlPipeline.query(c, prefix, sql.toString(), ids, rs -> {
            Map<String, Long> out = new HashMap<>();
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        });
    }

    /** 批量保存的收尾：写回每个会话的新 max_seq 与最后一条消息（行已被本事务锁住）；追加到事务收尾的语句里。 */
    public void finishBatch(SqlPipeline tail, Map<String, long[]> seqAndLastMessage, long now) {
        lists.changedConversations(seqAndLastMessage.keySet());
        if (seqAndLastMessage.isEmpty()) {
            return;
        }
        List<Object> args = new ArrayList<>(seqAndLastMessage.size() * 3 + 1);
        seqAndLastMessage.forEach((id, seqAndLast) -> args.addAll(List.of(id, seqAndLast[0], seqAndLast[1])));
        args.add(now);
        tail.add("UPDATE conversations c JOIN (" + constantRows(
                        "CONVERT(? USING ascii) COLLATE ascii_bin AS id, ? AS max_seq, ? AS last_id", seqAndLastMessage.size())
                + ") v ON c.id = v.id SET c.max_seq = v.max_seq, c.last_message_id = v.last_id, c.updated_at = ?", args);
    }

    /** 批量推进发送者的已读位置（只前进）；键为 userId 与会话 ID。追加到事务收尾的语句里。 */
    public void advanceReadSeqs(SqlPipeline tail, Map<UserConversationKey, Long> seqs, long now) {
        lists.changedUsers(seqs.keySet().stream().map(UserConversationKey::userId).distinct().toList());
        if (seqs.isEmpty()) {
            return;
        }
        List<Object> args = new ArrayList<>(seqs.size() * 3 + 1);
        seqs.forEach((key, seq) -> args.addAll(List.of(key.userId(), key.conversationId(), seq)));
        args.add(now);
        tail.add("UPDATE user_conversations uc JOIN (" + constantRows(
                        "? AS user_id, CONVERT(? USING ascii) COLLATE ascii_bin AS conversation_id, ? AS seq", seqs.size())
                + ") v ON uc.user_id = v.user_id AND uc.conversation_id = v.conversation_id "
                + "SET uc.read_seq = GREATEST(uc.read_seq, v.seq), uc.updated_at = ?", args);
    }

    /**
     * rows 行常量组成的派生表（SELECT … UNION ALL SELECT …），首行给出列名与类型（三列）。整批一条 UPDATE … JOIN：
     * 逐行一条语句时服务器为每条解析、开执行计划，一批几百个会话（一对一消息几乎每条一个会话）的收尾要几十毫秒。
     */
    private static String constantRows(String firstRow, int rows) {
        return "SELECT " + firstRow + " UNION ALL SELECT ?, ?, ?".repeat(Math.max(0, rows - 1));
    }

    /** 会话行不存在时创建；返回是否新建。 */
    public boolean insertIfAbsent(Connection c, ConversationId id, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT IGNORE INTO conversations (id, type, group_id, max_seq, last_message_id, member_count, created_at, updated_at) "
                        + "VALUES (?, ?, ?, 0, 0, 0, ?, ?)")) {
            ps.setString(1, id.value());
            ps.setInt(2, id.kind().code());
            ps.setLong(3, id.groupId());
            ps.setLong(4, now);
            ps.setLong(5, now);
            return ps.executeUpdate() > 0;
        }
    }

    /** 记录最后一条消息（会话行已被本事务的序列号分配锁住）。 */
    public void setLastMessage(Connection c, String conversationId, long messageId) throws SQLException {
        lists.changedConversations(List.of(conversationId));
        try (PreparedStatement ps = c.prepareStatement("UPDATE conversations SET last_message_id = ? WHERE id = ?")) {
            ps.setLong(1, messageId);
            ps.setString(2, conversationId);
            ps.executeUpdate();
        }
    }

    public void addMemberCount(Connection c, String conversationId, int delta) throws SQLException {
        if (delta == 0) {
            return;
        }
        lists.changedConversations(List.of(conversationId));
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE conversations SET member_count = GREATEST(member_count + ?, 0) WHERE id = ?")) {
            ps.setInt(1, delta);
            ps.setString(2, conversationId);
            ps.executeUpdate();
        }
    }

    /**
     * 让用户拥有会话记录；已读位置从会话当前的 max_seq 开始（新加入者不会把历史都算成未读）。
     * 返回是否新建。
     */
    public boolean insertMember(Connection c, long userId, String conversationId, long now) throws SQLException {
        lists.changedUsers(List.of(userId));
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT IGNORE INTO user_conversations (user_id, conversation_id, read_seq, joined_at, updated_at) "
                        + "SELECT ?, id, max_seq, ?, ? FROM conversations WHERE id = ?")) {
            ps.setLong(1, userId);
            ps.setLong(2, now);
            ps.setLong(3, now);
            ps.setString(4, conversationId);
            return ps.executeUpdate() > 0;
        }
    }

    public boolean deleteMember(Connection c, long userId, String conversationId) throws SQLException {
        lists.changedUsers(List.of(userId));
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM user_conversations WHERE user_id = ? AND conversation_id = ?")) {
            ps.setLong(1, userId);
            ps.setString(2, conversationId);
            return ps.executeUpdate() > 0;
        }
    }

    /** 发送者发出的消息视为已读：已读指针推进到该 seq（只前进不后退）。 */
    public void advanceReadSeq(Connection c, long userId, String conversationId, long seq, long now) throws SQLException {
        lists.changedUsers(List.of(userId));
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE user_conversations SET read_seq = GREATEST(read_seq, ?), updated_at = ? "
                        + "WHERE user_id = ? AND conversation_id = ?")) {
            ps.setLong(1, seq);
            ps.setLong(2, now);
            ps.setLong(3, userId);
            ps.setString(4, conversationId);
            ps.executeUpdate();
        }
    }

    /** 行锁读取用户的已读位置，保证并发更新时“只前进”的判断是准确的。 */
    public OptionalLong lockReadSeq(Connection c, long userId, String conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT read_seq FROM user_conversations WHERE user_id = ? AND conversation_id = ? FOR UPDATE")) {
            ps.setLong(1, userId);
            ps.setString(2, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    public void setReadSeq(Connection c, long userId, String conversationId, long readSeq, long now) throws SQLException {
        lists.changedUsers(List.of(userId));
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE user_conversations SET read_seq = ?, updated_at = ? WHERE user_id = ? AND conversation_id = ?")) {
            ps.setLong(1, readSeq);
            ps.setLong(2, now);
            ps.setLong(3, userId);
            ps.setString(4, conversationId);
            ps.executeUpdate();
        }
    }

    public Optional<ConversationRow> find(Connection c, String conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CONV_COLUMNS + " FROM conversations c WHERE c.id = ?")) {
            ps.setString(1, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapConversation(rs)) : Optional.empty();
            }
        }
    }

    public Optional<UserConversationRow> findForUser(Connection c, long userId, String conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(USER_CONV_SELECT + "WHERE uc.user_id = ? AND uc.conversation_id = ?")) {
            ps.setLong(1, userId);
            ps.setString(2, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapUserConversation(rs)) : Optional.empty();
            }
        }
    }

    /**
     * 会话列表的一页与总数，一次往返：内层只在 user_conversations 与 conversations 上排序分页，
     * 外层只为这一页的行取最后一条消息与显示名；总数由同一往返里的第一条语句按索引数出，
     * 第二条语句（同样只走索引）列出用户所在的群/世界会话，供会话列表缓存核对版本（最多 MAX_GROUPS + 1 个）。
     */
    public UserConversationPage listForUser(Connection c, long userId, int offset, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LIST_PAGE)) {
            ps.setLong(1, userId);
            ps.setLong(2, userId);
            ps.setLong(3, userId);
            ps.setInt(4, limit);
            ps.setInt(5, offset);
            ps.setLong(6, userId);
            if (!ps.execute()) {
                throw new SQLException("the conversation count returned no result set");
            }
            int total;
            try (ResultSet rs = ps.getResultSet()) {
                rs.next();
                total = rs.getInt(1);
            }
            List<String> groupIds = new ArrayList<>();
            if (!ps.getMoreResults()) {
                throw new SQLException("the group list returned no result set");
            }
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    groupIds.add(rs.getString(1));
                }
            }
            if (!ps.getMoreResults()) {
                throw new SQLException("the conversation page returned no result set");
            }
            try (ResultSet rs = ps.getResultSet()) {
                UserConversationPage page = readTitled(rs, total);
                return new UserConversationPage(page.rows(), page.titles(), total, List.copyOf(groupIds));
            }
        }
    }

    /** 用户在某会话中的记录与显示名；用户没有该会话记录时本页为空。 */
    public UserConversationPage findTitledForUser(Connection c, long userId, String conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ONE_TITLED)) {
            ps.setLong(1, userId);
            ps.setString(2, conversationId);
            ps.setLong(3, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return readTitled(rs, -1);
            }
        }
    }

    /** @param total 分页前的总数；小于 0 时取本页行数（单个会话记录） */
    private static UserConversationPage readTitled(ResultSet rs, int total) throws SQLException {
        List<UserConversationRow> out = new ArrayList<>();
        Map<String, ConversationTitle> titles = new HashMap<>();
        while (rs.next()) {
            UserConversationRow row = mapUserConversation(rs);
            out.add(row);
            String name = rs.getString(row.conversation().kind() == ConversationKind.GROUP ? "group_name" : "peer_nickname");
            String avatar = rs.getString("peer_avatar_url");
            titles.put(row.conversation().id(), new ConversationTitle(name == null ? "" : name, avatar == null ? "" : avatar));
        }
        return new UserConversationPage(out, titles, total < 0 ? out.size() : total, List.of());
    }

    /**
     * 会话列表的一页、各行的显示名与分页前的总数。
     *
     * @param titles   会话 ID 到显示名：单聊为对方昵称与头像，群为群名，其余为空串
     * @param groupIds 用户所在的群/世界会话（只有列表页查询给出，供会话列表缓存核对；单个会话记录为空）
     */
    public record UserConversationPage(List<UserConversationRow> rows, Map<String, ConversationTitle> titles, int total,
                                       List<String> groupIds) {
    }

    /** 会话的显示名与头像（单聊取对方资料，群取群名）。 */
    public record ConversationTitle(String name, String avatarUrl) {
    }

    /** 用户的单聊会话 ID（走唯一索引 (user_id, conversation_id) 的前缀范围，不回表取其它列）。 */
    public List<String> singleConversationIds(Connection c, long userId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT conversation_id FROM user_conversations "
                + "WHERE user_id = ? AND conversation_id LIKE 's\\_%' ORDER BY conversation_id LIMIT ?")) {
            ps.setLong(1, userId);
            ps.setInt(2, limit);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    public long totalUnread(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(SUM(GREATEST(c.max_seq - uc.read_seq, 0)), 0) FROM user_conversations uc "
                        + "JOIN conversations c ON c.id = uc.conversation_id WHERE uc.user_id = ?")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public boolean isMember(Connection c, long userId, String conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM user_conversations WHERE user_id = ? AND conversation_id = ?")) {
            ps.setLong(1, userId);
            ps.setString(2, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** 按用户 ID 游标分页取参与者；多取一条用于判断是否还有更多。 */
    public List<Long> memberIds(Connection c, String conversationId, long afterUserId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT user_id FROM user_conversations WHERE conversation_id = ? AND user_id > ? ORDER BY user_id LIMIT ?")) {
            ps.setString(1, conversationId);
            ps.setLong(2, afterUserId);
            ps.setInt(3, limit);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    private static ConversationRow mapConversation(ResultSet rs) throws SQLException {
        return new ConversationRow(rs.getString("id"), ConversationKind.of(rs.getInt("type")), rs.getLong("group_id"),
                rs.getLong("max_seq"), rs.getLong("last_message_id"), rs.getInt("member_count"), rs.getLong("updated_at"));
    }

    private static UserConversationRow mapUserConversation(ResultSet rs) throws SQLException {
        ConversationRow conv = mapConversation(rs);
        rs.getLong("m_id");
        MessageRecord last = rs.wasNull() ? null : MessageRepository.map(rs, "m_");
        return new UserConversationRow(conv, rs.getLong("read_seq"), rs.getLong("joined_at"), last,
                rs.getInt("pinned") != 0, rs.getInt("muted") != 0, rs.getLong("mention_seq"));
    }

    /**
     * 修改用户对会话的置顶、免打扰（null 表示不改）；返回修改后的设置，用户没有该会话记录时为空。
     * 只动 user_conversations 的这一行，与消息保存互不加锁。
     */
    public Optional<ConversationSettings> updateSettings(Connection c, long userId, String conversationId,
                                                         Boolean pinned, Boolean muted, long now) throws SQLException {
        lists.changedUsers(List.of(userId));
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE user_conversations SET pinned = COALESCE(?, pinned), muted = COALESCE(?, muted), updated_at = ? "
                        + "WHERE user_id = ? AND conversation_id = ?")) {
            if (pinned == null) {
                ps.setNull(1, java.sql.Types.TINYINT);
            } else {
                ps.setInt(1, pinned ? 1 : 0);
            }
            if (muted == null) {
                ps.setNull(2, java.sql.Types.TINYINT);
            } else {
                ps.setInt(2, muted ? 1 : 0);
            }
            ps.setLong(3, now);
            ps.setLong(4, userId);
            ps.setString(5, conversationId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pinned, muted, updated_at FROM user_conversations WHERE user_id = ? AND conversation_id = ?")) {
            ps.setLong(1, userId);
            ps.setString(2, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ConversationSettings(rs.getInt(1) != 0, rs.getInt(2) != 0, rs.getLong(3)))
                        : Optional.empty();
            }
        }
    }

    /**
     * 把被 @ 用户的 mention_seq 推进到对应消息的 seq（只前进），整批一条语句：
     * explicit 键为（用户，会话），all 键为会话（@所有人：该会话全部参与者）。
     * 发送者自己也会被 @所有人 覆盖，但同一事务已把他的 read_seq 推进到这条消息，所以不会显示“有人@我”。
     * 不是会话参与者的用户没有行，自然不受影响。
     */
    public void advanceMentionSeqs(Connection c, Map<UserConversationKey, Long> explicit, Map<String, Long> all, long now)
            throws SQLException {
        SqlPipeline one = new SqlPipeline();
        advanceMentionSeqs(one, explicit, all, now);
        if (one.size() > 0) {
            one.execute(c);
        }
    }

    /** 同上，追加到事务收尾的语句里（没有 @ 时不追加）。 */
    public void advanceMentionSeqs(SqlPipeline tail, Map<UserConversationKey, Long> explicit, Map<String, Long> all, long now) {
        if (explicit.isEmpty() && all.isEmpty()) {
            return;
        }
        lists.changedUsers(explicit.keySet().stream().map(UserConversationKey::userId).distinct().toList());
        lists.changedConversations(all.keySet());
        StringBuilder set = new StringBuilder("UPDATE user_conversations SET mention_seq = GREATEST(mention_seq");
        StringBuilder where = new StringBuilder(" WHERE ");
        List<Object> setArgs = new ArrayList<>();
        List<Object> whereArgs = new ArrayList<>();
        if (!explicit.isEmpty()) {
            set.append(", CASE");
            for (Map.Entry<UserConversationKey, Long> e : explicit.entrySet()) {
                set.append(" WHEN user_id = ? AND conversation_id = ? THEN ?");
                setArgs.add(e.getKey().userId());
                setArgs.add(e.getKey().conversationId());
                setArgs.add(e.getValue());
                where.append(whereArgs.isEmpty() ? "" : " OR ").append("(user_id = ? AND conversation_id = ?)");
                whereArgs.add(e.getKey().userId());
                whereArgs.add(e.getKey().conversationId());
            }
            set.append(" ELSE 0 END");
        }
        if (!all.isEmpty()) {
            set.append(", CASE");
            for (Map.Entry<String, Long> e : all.entrySet()) {
                set.append(" WHEN conversation_id = ? THEN ?");
                setArgs.add(e.getKey());
                setArgs.add(e.getValue());
                where.append(whereArgs.isEmpty() ? "" : " OR ").append("conversation_id = ?");
                whereArgs.add(e.getKey());
            }
            set.append(" ELSE 0 END");
        }
        set.append("), updated_at = ?");
        setArgs.add(now);
        List<Object> args = new ArrayList<>(setArgs);
        args.addAll(whereArgs);
        tail.add(set.toString() + where, args);
    }
}
