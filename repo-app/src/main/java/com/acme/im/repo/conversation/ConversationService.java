package com.acme.im.repo.conversation;

import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.runtime.conversation.ConversationKind;
import com.acme.im.repo.Checks;
import com.acme.im.repo.db.Database;
import com.acme.im.repo.group.GroupRecord;
import com.acme.im.repo.group.MemberRecord;
import com.acme.im.repo.group.GroupRepository;
import com.acme.im.repo.group.GroupService;
import com.acme.im.repo.user.UserRecord;
import com.acme.im.repo.user.UserRepository;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * 会话、会话记录与已读指针。
 * 成员规则：单聊 s_a_b 的参与者就是 a 与 b；群聊看 group_members；世界聊天室看用户是否加入过（有会话记录）。
 */
@Singleton
public class ConversationService {

    private static final String WORLD_NAME = "World";
    private static final int MAX_ENSURE_USERS = 1000;
    /** 单聊对方的默认与最大个数。 */
    private static final int DEFAULT_PEERS = 2000;
    private static final int MAX_PEERS = 10_000;

    private final Database db;
    private final ConversationRepository conversations;
    private final UserRepository userRepository;
    private final GroupRepository groupRepository;
    private final GroupService groups;
    private final ConversationListCache listCache;

    public ConversationService(Database db, ConversationRepository conversations, UserRepository userRepository,
                               GroupRepository groupRepository, GroupService groups, ConversationListCache listCache) {
        this.listCache = listCache;
        this.db = db;
        this.conversations = conversations;
        this.userRepository = userRepository;
        this.groupRepository = groupRepository;
        this.groups = groups;
    }

    /**
     * 在当前事务内确保会话行存在；单聊首次创建时校验双方用户存在并为两人建会话记录。
     * 返回是否新建。
     */
    public boolean ensureRow(Connection c, ConversationId id, long now) throws SQLException {
        if (!conversations.insertIfAbsent(c, id, now)) {
            return false;
        }
        switch (id.kind()) {
            case SINGLE -> {
                Set<Long> pair = Set.of(id.smallUser(), id.largeUser());
                if (userRepository.findByIds(c, pair).size() != 2) {
                    throw new ImException(ErrorCode.USER_NOT_FOUND, "user not found in " + id.value());
                }
                conversations.insertMember(c, id.smallUser(), id.value(), now);
                conversations.insertMember(c, id.largeUser(), id.value(), now);
                conversations.addMemberCount(c, id.value(), 2);
            }
            case GROUP -> {
                if (groupRepository.find(c, id.groupId(), false).isEmpty()) {
                    throw new ImException(ErrorCode.GROUP_NOT_FOUND);
                }
            }
            case WORLD -> {
                // 世界聊天室由迁移脚本创建；行被手工删掉时在此重建即可
            }
        }
        return true;
    }

    /** EnsureConversation：确保会话存在并让这些用户拥有会话记录。 */
    public boolean ensure(String rawId, int typeCode, Collection<Long> userIds) {
        ConversationId id = ConversationId.parse(rawId);
        Checks.require(typeCode == 0 || typeCode == id.kind().code(), "type does not match conversation_id");
        LinkedHashSet<Long> ids = Checks.ids(userIds, "user_ids", MAX_ENSURE_USERS);
        if (id.kind() == ConversationKind.SINGLE) {
            for (Long u : ids) {
                Checks.require(id.isParticipant(u), ErrorCode.FORBIDDEN, "user " + u + " is not part of " + id.value());
            }
        }
        long now = System.currentTimeMillis();
        return db.inTransaction(c -> {
            boolean created = ensureRow(c, id, now);
            if (ids.isEmpty()) {
                return created;
            }
            Set<Long> found = userRepository.findByIds(c, ids).stream().map(UserRecord::id).collect(Collectors.toSet());
            for (Long u : ids) {
                if (!found.contains(u)) {
                    throw new ImException(ErrorCode.USER_NOT_FOUND, "user not found: " + u);
                }
            }
            if (id.kind() == ConversationKind.GROUP) {
                Map<Long, Integer> roles = groupRepository.roles(c, id.groupId(), ids);
                for (Long u : ids) {
                    if (!roles.containsKey(u)) {
                        throw new ImException(ErrorCode.NOT_GROUP_MEMBER, "user " + u + " is not a group member");
                    }
                }
            }
            int added = 0;
            for (Long u : ids) {
                if (conversations.insertMember(c, u, id.value(), now)) {
                    added++;
                }
            }
            conversations.addMemberCount(c, id.value(), added);
            return created;
        });
    }

    /** 会话列表，按更新时间倒序分页。 */
    public ConversationPage list(long userId, int page, int pageSize) {
        Checks.id(userId, "user_id");
        Checks.require(page >= 0, "page must be at least 1");
        int p = page == 0 ? 1 : page;
        int size = Checks.limit(pageSize, 20, 100, "page_size");
        Checks.require((long) (p - 1) * size <= Integer.MAX_VALUE, "page is too large");
        int offset = (p - 1) * size;
        // 第一页（客户端登录、重连时取的那页）走进程内缓存，见 ConversationListCache
        boolean cached = p == 1 && listCache.enabled();
        if (cached) {
            Optional<ConversationPage> hit = listCache.get(userId, size);
            if (hit.isPresent()) {
                return hit.get();
            }
        }
        ConversationListCache.Ticket ticket = cached ? listCache.prepare(userId) : null;
        ConversationRepository.UserConversationPage rows = db.run(c -> conversations.listForUser(c, userId, offset, size));
        ConversationPage result = new ConversationPage(views(userId, rows.rows(), rows.titles()), rows.total());
        if (cached) {
            listCache.put(userId, size, result, rows.groupIds(), ticket);
        }
        return result;
    }

    /** 用户全部单聊的对方（最多 limit 个，0 取默认）：上线、下线通知的对象。 */
    public List<Long> singlePeers(long userId, int limit) {
        Checks.id(userId, "user_id");
        int size = Checks.limit(limit, DEFAULT_PEERS, MAX_PEERS, "limit");
        List<String> ids = db.run(c -> conversations.singleConversationIds(c, userId, size));
        List<Long> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            out.add(ConversationId.parse(id).peerOf(userId));
        }
        return out;
    }

    /** 用户在某会话中的记录；用户不在会话中返回 1003。 */
    public ConversationView get(long userId, String rawId) {
        Checks.id(userId, "user_id");
        ConversationId id = ConversationId.parse(rawId);
        ConversationRepository.UserConversationPage found = db.run(c -> conversations.findTitledForUser(c, userId, id.value()));
        if (found.rows().isEmpty()) {
            throw new ImException(ErrorCode.FORBIDDEN, "user is not in conversation");
        }
        return views(userId, found.rows(), found.titles()).get(0);
    }

    /**
     * 更新已读位置：只前进不后退，且不超过会话的最大 seq。
     * 单聊参与者在还没有消息时没有记录，按已读 0 返回；其他非参与者返回 1003。
     */
    public ReadPointer updateRead(long userId, String rawId, long seq) {
        Checks.id(userId, "user_id");
        ConversationId id = ConversationId.parse(rawId);
        Checks.require(seq >= 0, "seq must not be negative");
        long now = System.currentTimeMillis();
        ReadPointer result = db.inTransaction(c -> {
            OptionalLong current = conversations.lockReadSeq(c, userId, id.value());
            if (current.isEmpty()) {
                return null;
            }
            long maxSeq = conversations.find(c, id.value()).map(ConversationRow::maxSeq).orElse(0L);
            long target = Math.max(current.getAsLong(), Math.min(seq, maxSeq));
            boolean advanced = target > current.getAsLong();
            if (advanced) {
                conversations.setReadSeq(c, userId, id.value(), target, now);
            }
            return new ReadPointer(target, advanced, Math.max(0, maxSeq - target));
        });
        if (result == null) {
            if (id.isParticipant(userId)) {
                return new ReadPointer(0, false, 0);
            }
            throw new ImException(ErrorCode.FORBIDDEN, "user is not in conversation");
        }
        return result;
    }

    /** 未读数；rawId 为空时返回所有会话的总未读。 */
    public long unread(long userId, String rawId) {
        Checks.id(userId, "user_id");
        if (rawId == null || rawId.isEmpty()) {
            return db.run(c -> conversations.totalUnread(c, userId));
        }
        ConversationId id = ConversationId.parse(rawId);
        return db.run(c -> conversations.findForUser(c, userId, id.value()))
                .map(UserConversationRow::unreadCount)
                .orElseGet(() -> {
                    if (id.isParticipant(userId)) {
                        return 0L;
                    }
                    throw new ImException(ErrorCode.FORBIDDEN, "user is not in conversation");
                });
    }

    /** 成员关系检查；群不存在返回 4000。 */
    public Membership checkMembership(long userId, String rawId) {
        Checks.id(userId, "user_id");
        ConversationId id = ConversationId.parse(rawId);
        return switch (id.kind()) {
            case SINGLE -> Membership.of(id.isParticipant(userId), ConversationKind.SINGLE, 2);
            case GROUP -> {
                // 群与成员记录都走缓存（管理操作提交后作废），角色、禁言与解散状态随成员检查一并返回
                GroupRecord g = groups.get(id.groupId());
                MemberRecord m = groups.lookupMember(id.groupId(), userId);
                boolean muted = m.isMember() && (m.muted()
                        || (g.allMuted() && m.role() == MemberRecord.ROLE_MEMBER));
                yield new Membership(m.isMember(), ConversationKind.GROUP, g.memberCount(), m.role(), g.dissolved(), muted);
            }
            case WORLD -> db.run(c -> Membership.of(conversations.isMember(c, userId, id.value()), ConversationKind.WORLD,
                    conversations.find(c, id.value()).map(ConversationRow::memberCount).orElse(0)));
        };
    }

    /** 离开会话（世界聊天室；群会话请用移除群成员，单聊不可离开）。 */
    public boolean leave(long userId, String rawId) {
        Checks.id(userId, "user_id");
        ConversationId id = ConversationId.parse(rawId);
        Checks.require(id.kind() != ConversationKind.SINGLE, "a single chat cannot be left");
        if (id.kind() == ConversationKind.GROUP) {
            return groups.removeMember(id.groupId(), userId).removed();
        }
        return db.inTransaction(c -> {
            boolean left = conversations.deleteMember(c, userId, id.value());
            if (left) {
                conversations.addMemberCount(c, id.value(), -1);
            }
            return left;
        });
    }

    /**
     * 修改置顶、免打扰（null 表示不改，至少给一个）。单聊参与者在会话建立前也能设置（先建会话）；
     * 其他没有会话记录的用户返回 1003。
     */
    public ConversationSettings updateSettings(long userId, String rawId, Boolean pinned, Boolean muted) {
        Checks.id(userId, "user_id");
        ConversationId id = ConversationId.parse(rawId);
        Checks.require(pinned != null || muted != null, "give pinned and/or muted");
        if (id.kind() == ConversationKind.SINGLE) {
            Checks.require(id.isParticipant(userId), ErrorCode.FORBIDDEN, "user is not in conversation");
        }
        long now = System.currentTimeMillis();
        java.util.Optional<ConversationSettings> r =
                db.inTransaction(c -> conversations.updateSettings(c, userId, id.value(), pinned, muted, now));
        if (r.isEmpty() && id.kind() == ConversationKind.SINGLE) {
            db.inTransaction(c -> ensureRow(c, id, now));
            r = db.inTransaction(c -> conversations.updateSettings(c, userId, id.value(), pinned, muted, now));
        }
        return r.orElseThrow(() -> new ImException(ErrorCode.FORBIDDEN, "user is not in conversation"));
    }

    /** 按用户 ID 游标分页取参与者。 */
    public MemberIdPage members(String rawId, long afterUserId, int limit) {
        ConversationId id = ConversationId.parse(rawId);
        Checks.require(afterUserId >= 0, "after_user_id must not be negative");
        int size = Checks.limit(limit, 200, 1000, "limit");
        if (id.kind() == ConversationKind.SINGLE) {
            List<Long> ids = new ArrayList<>();
            for (long u : new long[]{id.smallUser(), id.largeUser()}) {
                if (u > afterUserId && ids.size() < size) {
                    ids.add(u);
                }
            }
            boolean more = id.largeUser() > afterUserId && !ids.contains(id.largeUser());
            return new MemberIdPage(ids, more);
        }
        List<Long> rows = db.run(c -> conversations.memberIds(c, id.value(), afterUserId, size + 1));
        boolean more = rows.size() > size;
        return new MemberIdPage(more ? rows.subList(0, size) : rows, more);
    }

    private static List<ConversationView> views(long userId, List<UserConversationRow> rows,
                                                Map<String, ConversationRepository.ConversationTitle> titles) {
        ConversationRepository.ConversationTitle none = new ConversationRepository.ConversationTitle("", "");
        List<ConversationView> out = new ArrayList<>(rows.size());
        for (UserConversationRow r : rows) {
            ConversationRow conv = r.conversation();
            ConversationRepository.ConversationTitle t = titles.getOrDefault(conv.id(), none);
            switch (conv.kind()) {
                case SINGLE -> out.add(new ConversationView(r, t.name(), t.avatarUrl(), ConversationId.parse(conv.id()).peerOf(userId)));
                case GROUP -> out.add(new ConversationView(r, t.name(), "", 0));
                case WORLD -> out.add(new ConversationView(r, WORLD_NAME, "", 0));
            }
        }
        return out;
    }

    /** 会话列表的一页与总数。 */
    public record ConversationPage(List<ConversationView> conversations, int total) {
    }

    /** 参与者 ID 的一页。 */
    public record MemberIdPage(List<Long> userIds, boolean hasMore) {
    }
}
