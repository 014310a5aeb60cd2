package com.acme.im.repo.admin;

import com.acme.im.repo.user.UserRecord;

import java.util.List;

/**
 * 管理后台在 repo 内部传递的记录。
 */
public final class AdminRecords {

    private AdminRecords() {
    }

    /** 管理员（不含密码哈希）。 */
    public record Admin(long id, String username, long createdAt) {
    }

    /** 管理员与其密码哈希，只在校验密码时使用。 */
    record AdminCredentials(Admin admin, String passwordHash) {
    }

    /** 用户资料加封禁状态；未封禁时 bannedAt、bannedBy 为 0。 */
    public record AdminUser(UserRecord user, boolean banned, long bannedAt, long bannedBy, String banReason) {
    }

    /** 一页用户与下一页游标（0 表示没有更多）。 */
    public record UserPage(List<AdminUser> users, long nextAfterId) {
    }

    /** 封禁结果：操作后的用户与被吊销的会话。 */
    public record BanResult(AdminUser user, List<String> revokedSessionIds) {
    }

    /** 一条审核命中及其复核状态。 */
    public record AuditHit(long id, long messageId, String conversationId, long senderId, List<String> words,
                           String action, long createdAt, long editedAt, String reviewVerdict, long reviewedAt,
                           long reviewedBy) {
    }

    /** 一页审核命中与下一页游标。 */
    public record AuditHitPage(List<AuditHit> hits, long nextBeforeId) {
    }

    /** 敏感词表：版本与全部词。 */
    public record WordList(long version, List<String> words) {
    }

    /** 一条管理操作记录。 */
    public record Action(long id, long adminId, String adminUsername, String action, String target, String detail,
                         long createdAt) {
    }

    /** 一页管理操作记录与下一页游标。 */
    public record ActionPage(List<Action> actions, long nextBeforeId) {
    }

    /** repo 能给出的系统数字。 */
    public record Figures(java.util.SortedMap<String, Long> gateways, long onlineUsers, long messagesLastMinute,
                          long totalUsers, long bannedUsers, long measuredAt) {
    }
}
