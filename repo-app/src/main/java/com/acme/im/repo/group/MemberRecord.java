package com.acme.im.repo.group;

import io.micronaut.serde.annotation.Serdeable;

/**
 * 群成员（缓存键 group_member:v2:{groupId}:{userId}）。role 为 0 表示“不是成员”的否定缓存，
 * 让高频的成员检查对非成员也不必每次查库。muted 为单独禁言。
 */
@Serdeable
public record MemberRecord(long groupId, long userId, int role, long joinedAt, boolean muted) {

    public static final int ROLE_NONE = 0;
    public static final int ROLE_MEMBER = 1;
    public static final int ROLE_ADMIN = 2;
    public static final int ROLE_OWNER = 3;

    public boolean isMember() {
        return role != ROLE_NONE;
    }
}
