package com.acme.im.repo.user;

import io.micronaut.serde.annotation.Serdeable;

/**
 * 用户公开资料（不含密码哈希，因此可以放进缓存）。
 */
@Serdeable
public record UserRecord(long id, String username, String nickname, String avatarUrl, long createdAt) {
}
