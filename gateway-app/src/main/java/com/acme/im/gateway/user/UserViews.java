package com.acme.im.gateway.user;

import com.acme.im.proto.common.v1.User;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * 用户接口的响应体；与登录响应里的 user 字段同形（ID 为字符串）。
 */
public final class UserViews {

    private UserViews() {
    }

    /** 用户公开资料。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record UserView(String id, String username, String nickname, String avatarUrl, long createdAt) {
        static UserView of(User u) {
            return new UserView(Long.toString(u.getId()), u.getUsername(), u.getNickname(), u.getAvatarUrl(), u.getCreatedAt());
        }
    }
}
