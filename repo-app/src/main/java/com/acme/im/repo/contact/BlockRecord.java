package com.acme.im.repo.contact;

/**
 * 一条黑名单记录：userId 拉黑了 blockedUserId。
 */
public record BlockRecord(long userId, long blockedUserId, long createdAt) {
}
