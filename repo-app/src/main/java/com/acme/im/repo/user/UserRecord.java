package com.acme.im.repo.user;

import io.micronaut.serde.annotation.Serdeable;

/**
 * 用户公开资料（不含密码哈希，因此可以放进缓存）。
 */
@Serdeable
public record UserRecord(long id, String username, String nickname, String avatarUrl, long createdAt) {

    public UserRecord {
        // JSON 序列化会省略空串，从缓存读回时还原为空串
        nickname = nickname == null ? "" : nickname;
        avatarUrl = avatarUrl == null ? "" : avatarUrl;
    }
}
