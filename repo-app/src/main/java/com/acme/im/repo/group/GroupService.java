package com.acme.im.repo.group;

import com.acme.im.repo.Checks;
import com.acme.im.repo.cache.CacheConfiguration;
import com.acme.im.repo.cache.CacheStore;
import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.repo.conversation.ConversationRepository;
import com.acme.im.repo.db.Database;
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
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * 群组与成员。群组和单个成员关系走 Cache-Aside；任何成员变化都在同一事务里同步群成员数、
 * 群会话行与成员的会话记录，提交后再作废相关缓存键。
 */
@Singleton
public class GroupService {

    /** 单次添加成员的上限，防止一次请求锁住过久。 */
    public static final int MAX_ADD = 1000;
    private static final int MAX_NAME = 64;
    /** 群公告最大字符数（与表列 VARCHAR(1024) 一致）。 */
    public static final int MAX_ANNOUNCEMENT = 1024;

    private final Database db;
    private final GroupRepository groups;
    private final UserRepository users;
    private final ConversationRepository conversations;
    private final CacheStore cache;
    private final CacheConfiguration cacheConfiguration;
    private final GroupConfiguration configuration;

    public GroupService(Database db, GroupRepository groups, UserRepository users, ConversationRepository conversations,
                        CacheStore cache, CacheConfiguration cacheConfiguration, GroupConfiguration configuration) {
        this.db = db;
        this.groups = groups;
        this.users = users;
        this.conversations = conversations;
        this.cache = cache;
        this.cacheConfiguration = cacheConfiguration;
        this.configuration = configuration;
    }

    public GroupRecord create(String name, long ownerId, Collection<Long> memberIds) {
        String groupName = Checks.text(name, "name", MAX_NAME);
        Checks.id(ownerId, "owner_id");
        LinkedHashSet<Long> members = Checks.ids(memberIds, "member_ids", configuration.maxMembers());
        members.remove(ownerId);
        if (members.size() + 1 > configuration.maxMembers()) {
            throw new ImException(ErrorCode.GROUP_FULL);
        }
        long now = System.currentTimeMillis();
        GroupRecord created = db.inTransaction(c -> {
            Set<Long> all = new LinkedHashSet<>(members);
            all.add(ownerId);
            requireUsersExist(c, all);
            int count = members.size() + 1;
            long groupId = groups.insertGroup(c, groupName, ownerId, count, now);
            ConversationId conv = ConversationId.group(groupId);
            conversations.insertIfAbsent(c, conv, now);
            groups.insertMember(c, groupId, ownerId, MemberRecord.ROLE_OWNER, now);
            conversations.insertMember(c, ownerId, conv.value(), now);
            for (Long m : members) {
                groups.insertMember(c, groupId, m, MemberRecord.ROLE_MEMBER, now);
                conversations.insertMember(c, m, conv.value(), now);
            }
            conversations.addMemberCount(c, conv.value(), count);
            return GroupRecord.fresh(groupId, groupName, ownerId, count, now);
        });
        // 新群的 ID 从未被缓存过，但成员的否定缓存可能存在（例如并发的成员检查），一并作废
        List<String> keys = new ArrayList<>();
        keys.add(memberKey(created.id(), ownerId));
        members.forEach(m -> keys.add(memberKey(created.id(), m)));
        cache.invalidate(keys.toArray(String[]::new));
        return created;
    }

    public GroupRecord get(long groupId) {
        Checks.id(groupId, "group_id");
        return cache.get(groupKey(groupId), GroupRecord.class, cacheConfiguration.groupTtl(), k -> groups.find(groupId))
                .orElseThrow(() -> new ImException(ErrorCode.GROUP_NOT_FOUND));
    }

    /** 添加成员：已是成员者幂等成功（显式给出角色时更新角色，群主角色不变）；返回新增人数与更新后的群。 */
    public AddResult addMembers(long groupId, Collection<Long> userIds, int role) {
        Checks.id(groupId, "group_id");
        LinkedHashSet<Long> ids = Checks.ids(userIds, "user_ids", MAX_ADD);
        Checks.require(!ids.isEmpty(), "user_ids must not be empty");
        Checks.require(role == MemberRecord.ROLE_NONE || role == MemberRecord.ROLE_MEMBER || role == MemberRecord.ROLE_ADMIN,
                "role must be MEMBER or ADMIN");
        long now = System.currentTimeMillis();
        AddResult result = db.inTransaction(c -> {
            GroupRecord group = groups.find(c, groupId, true)
                    .orElseThrow(() -> new ImException(ErrorCode.GROUP_NOT_FOUND));
            requireActive(group);
            requireUsersExist(c, ids);
            Map<Long, Integer> existing = groups.roles(c, groupId, ids);
            List<Long> fresh = ids.stream().filter(id -> !existing.containsKey(id)).toList();
            if (group.memberCount() + fresh.size() > configuration.maxMembers()) {
                throw new ImException(ErrorCode.GROUP_FULL);
            }
            int effectiveRole = role == MemberRecord.ROLE_NONE ? MemberRecord.ROLE_MEMBER : role;
            String conv = group.conversationId();
            conversations.insertIfAbsent(c, ConversationId.group(groupId), now);
            int added = 0;
            for (Long id : fresh) {
                if (groups.insertMember(c, groupId, id, effectiveRole, now)) {
                    added++;
                }
                conversations.insertMember(c, id, conv, now);
            }
            if (role != MemberRecord.ROLE_NONE) {
                for (Map.Entry<Long, Integer> e : existing.entrySet()) {
                    if (e.getValue() != MemberRecord.ROLE_OWNER && e.getValue() != role) {
                        groups.updateRole(c, groupId, e.getKey(), role);
                    }
                }
            }
            int count = group.memberCount() + added;
            if (added > 0) {
                groups.setMemberCount(c, groupId, count, now);
                conversations.addMemberCount(c, conv, added);
            }
            return new AddResult(added, group.withMemberCount(count));
        });
        invalidate(groupId, ids);
        return result;
    }

    /** 移除成员；群主不能被移除（1003）；本来就不是成员时 removed=false。 */
    public RemoveResult removeMember(long groupId, long userId) {
        Checks.id(groupId, "group_id");
        Checks.id(userId, "user_id");
        long now = System.currentTimeMillis();
        RemoveResult result = db.inTransaction(c -> {
            GroupRecord group = groups.find(c, groupId, true)
                    .orElseThrow(() -> new ImException(ErrorCode.GROUP_NOT_FOUND));
            Integer role = groups.roles(c, groupId, List.of(userId)).get(userId);
            if (role == null) {
                return new RemoveResult(false, group);
            }
            if (role == MemberRecord.ROLE_OWNER) {
                throw new ImException(ErrorCode.FORBIDDEN, "the group owner cannot be removed");
            }
            groups.deleteMember(c, groupId, userId);
            if (conversations.deleteMember(c, userId, group.conversationId())) {
                conversations.addMemberCount(c, group.conversationId(), -1);
            }
            int count = Math.max(0, group.memberCount() - 1);
            groups.setMemberCount(c, groupId, count, now);
            return new RemoveResult(true, group.withMemberCount(count));
        });
        invalidate(groupId, List.of(userId));
        return result;
    }

    /** 改公告与全员禁言；只改给出的字段（null 表示不变）。 */
    public GroupRecord updateSettings(long groupId, String announcement, Boolean allMuted) {
        Checks.id(groupId, "group_id");
        String text = announcement == null ? null : announcement.strip();
        Checks.require(text == null || text.codePointCount(0, text.length()) <= MAX_ANNOUNCEMENT,
                "announcement must be at most " + MAX_ANNOUNCEMENT + " characters");
        long now = System.currentTimeMillis();
        GroupRecord result = db.inTransaction(c -> {
            requireActive(groups.find(c, groupId, true).orElseThrow(() -> new ImException(ErrorCode.GROUP_NOT_FOUND)));
            groups.updateSettings(c, groupId, text, allMuted, now);
            return groups.find(c, groupId, false).orElseThrow();
        });
        invalidate(groupId, List.of());
        return result;
    }

    /** 改成员角色（只能 MEMBER/ADMIN，群主的角色只能经转让改变）或禁言状态；null 表示不变。 */
    public MemberRecord updateMember(long groupId, long userId, Integer role, Boolean muted) {
        Checks.id(groupId, "group_id");
        Checks.id(userId, "user_id");
        Checks.require(role == null || role == MemberRecord.ROLE_MEMBER || role == MemberRecord.ROLE_ADMIN,
                "role must be MEMBER or ADMIN");
        MemberRecord result = db.inTransaction(c -> {
            requireActive(groups.find(c, groupId, true).orElseThrow(() -> new ImException(ErrorCode.GROUP_NOT_FOUND)));
            MemberRecord m = groups.findMember(c, groupId, userId)
                    .orElseThrow(() -> new ImException(ErrorCode.NOT_GROUP_MEMBER));
            if (role != null && role != m.role()) {
                if (m.role() == MemberRecord.ROLE_OWNER) {
                    throw new ImException(ErrorCode.FORBIDDEN, "the owner's role changes only by transferring ownership");
                }
                groups.updateRole(c, groupId, userId, role);
            }
            if (muted != null && muted != m.muted()) {
                groups.setMemberMuted(c, groupId, userId, muted);
            }
            return groups.findMember(c, groupId, userId).orElseThrow();
        });
        invalidate(groupId, List.of(userId));
        return result;
    }

    /** 转让群主：新群主须是成员，原群主变为管理员；转给自己是无操作。 */
    public GroupRecord transferOwnership(long groupId, long newOwnerId) {
        Checks.id(groupId, "group_id");
        Checks.id(newOwnerId, "new_owner_id");
        long now = System.currentTimeMillis();
        long[] oldOwner = new long[1];
        GroupRecord result = db.inTransaction(c -> {
            GroupRecord group = groups.find(c, groupId, true).orElseThrow(() -> new ImException(ErrorCode.GROUP_NOT_FOUND));
            requireActive(group);
            oldOwner[0] = group.ownerId();
            if (group.ownerId() == newOwnerId) {
                return group;
            }
            groups.findMember(c, groupId, newOwnerId)
                    .orElseThrow(() -> new ImException(ErrorCode.NOT_GROUP_MEMBER, "the new owner must be a group member"));
            groups.updateRole(c, groupId, group.ownerId(), MemberRecord.ROLE_ADMIN);
            groups.updateRole(c, groupId, newOwnerId, MemberRecord.ROLE_OWNER);
            // 群主不受禁言限制，转让时一并解除
            groups.setMemberMuted(c, groupId, newOwnerId, false);
            groups.setOwner(c, groupId, newOwnerId, now);
            return groups.find(c, groupId, false).orElseThrow();
        });
        invalidate(groupId, List.of(oldOwner[0], newOwnerId));
        return result;
    }

    /** 解散：只打标记，成员与会话记录保留，历史仍可读；重复解散幂等。 */
    public GroupRecord dissolve(long groupId) {
        Checks.id(groupId, "group_id");
        long now = System.currentTimeMillis();
        GroupRecord result = db.inTransaction(c -> {
            groups.find(c, groupId, true).orElseThrow(() -> new ImException(ErrorCode.GROUP_NOT_FOUND));
            groups.setDissolved(c, groupId, now);
            return groups.find(c, groupId, false).orElseThrow();
        });
        invalidate(groupId, List.of());
        return result;
    }

    private static void requireActive(GroupRecord group) {
        if (group.dissolved()) {
            throw new ImException(ErrorCode.GROUP_DISSOLVED);
        }
    }

    public MemberPage members(long groupId, long afterUserId, int limit) {
        GroupRecord group = get(groupId);
        Checks.require(afterUserId >= 0, "after_user_id must not be negative");
        int size = Checks.limit(limit, 200, 1000, "limit");
        List<MemberRecord> rows = groups.pageMembers(groupId, afterUserId, size + 1);
        boolean more = rows.size() > size;
        return new MemberPage(more ? rows.subList(0, size) : rows, more, group.memberCount());
    }

    /** 单个成员（含角色）；群不存在 4000，不是成员 4001。 */
    public MemberRecord member(long groupId, long userId) {
        MemberRecord m = lookupMember(groupId, userId);
        if (!m.isMember()) {
            throw new ImException(ErrorCode.NOT_GROUP_MEMBER);
        }
        return m;
    }

    public boolean isMember(long groupId, long userId) {
        return lookupMember(groupId, userId).isMember();
    }

    /** 成员记录（含角色与禁言）；不是成员时 role 为 ROLE_NONE。走缓存，供高频的发消息检查使用。 */
    public MemberRecord lookupMember(long groupId, long userId) {
        get(groupId);
        Checks.id(userId, "user_id");
        return cache.get(memberKey(groupId, userId), MemberRecord.class, cacheConfiguration.memberTtl(),
                        k -> java.util.Optional.of(groups.findMember(groupId, userId)
                                .orElse(new MemberRecord(groupId, userId, MemberRecord.ROLE_NONE, 0, false))))
                .orElseThrow();
    }

    private void requireUsersExist(Connection c, Set<Long> ids) throws SQLException {
        Set<Long> found = users.findByIds(c, ids).stream().map(UserRecord::id).collect(Collectors.toSet());
        for (Long id : ids) {
            if (!found.contains(id)) {
                throw new ImException(ErrorCode.USER_NOT_FOUND, "user not found: " + id);
            }
        }
    }

    private void invalidate(long groupId, Collection<Long> userIds) {
        List<String> keys = new ArrayList<>();
        keys.add(groupKey(groupId));
        userIds.forEach(u -> keys.add(memberKey(groupId, u)));
        cache.invalidate(keys.toArray(String[]::new));
    }

    static String groupKey(long groupId) {
        // v2：记录加了公告、禁言、解散字段，换键避免读到旧格式的缓存
        return "group:v2:" + groupId;
    }

    static String memberKey(long groupId, long userId) {
        return "group_member:v2:" + groupId + ":" + userId;
    }

    /** 添加成员的结果。 */
    public record AddResult(int added, GroupRecord group) {
    }

    /** 移除成员的结果。 */
    public record RemoveResult(boolean removed, GroupRecord group) {
    }
}
