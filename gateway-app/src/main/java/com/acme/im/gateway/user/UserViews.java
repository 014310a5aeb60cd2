package com.acme.im.gateway.user;

import com.acme.im.proto.common.v1.User;
import com.acme.im.runtime.limits.Limits;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/**
 * 用户接口的响应体；与登录响应里的 user 字段同形（ID 为字符串）。
 */
public final class UserViews {

    private UserViews() {
    }

    /** 修改资料请求：字段为 null 表示不改；长度上限只防滥用，精确规则（码点数、URL 形式）由 logic 判定并返回 1001。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record UpdateProfileBody(
            @Schema(description = "新昵称，1-64 字符") @Nullable @Size(max = Limits.MAX_NICKNAME_CODE_POINTS * 2) String nickname,
            @Schema(description = "新头像 http(s) URL；空串表示清除") @Nullable @Size(max = Limits.MAX_AVATAR_URL) String avatarUrl) {
    }

    /** 用户公开资料。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record UserView(String id, String username, String nickname, String avatarUrl, long createdAt) {
        static UserView of(User u) {
            return new UserView(Long.toString(u.getId()), u.getUsername(), u.getNickname(), u.getAvatarUrl(), u.getCreatedAt());
        }
    }
}
