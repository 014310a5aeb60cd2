package com.acme.im.gateway.auth;

import com.acme.im.proto.common.v1.User;
import com.acme.im.proto.logic.v1.TokenPair;
import com.acme.im.runtime.limits.Limits;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * 认证接口的请求与响应体（JSON 字段 snake_case，64 位 ID 输出为字符串）。
 * 长度上限只防滥用，具体规则（用户名字符集、密码长度）由 logic 判定并返回 1001。
 */
public final class AuthViews {

    private AuthViews() {
    }

    /** 注册请求。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record RegisterBody(@NotBlank @Size(max = 64) String username,
                               @NotBlank @Size(max = 256) String password,
                               @Nullable @Size(max = 64) String nickname) {
    }

    /** 登录请求。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record LoginBody(@NotBlank @Size(max = 64) String username,
                            @NotBlank @Size(max = 256) String password,
                            @Nullable @Pattern(regexp = Limits.DEVICE_ID_PATTERN) String deviceId) {
    }

    /** 刷新令牌请求。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record RefreshBody(@NotBlank @Size(max = 512) String refreshToken) {
    }

    /** 用户公开资料。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record UserView(String id, String username, String nickname, String avatarUrl, long createdAt) {
        static UserView of(User u) {
            return new UserView(Long.toString(u.getId()), u.getUsername(), u.getNickname(), u.getAvatarUrl(), u.getCreatedAt());
        }
    }

    /** 令牌对。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record TokenView(String accessToken, String refreshToken, long expiresIn, String tokenType) {
        static TokenView of(TokenPair t) {
            return new TokenView(t.getAccessToken(), t.getRefreshToken(), t.getExpiresIn(),
                    t.getTokenType().isEmpty() ? "Bearer" : t.getTokenType());
        }
    }

    /** 登录与注册的响应：用户资料加令牌对。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record SessionView(UserView user, String accessToken, String refreshToken, long expiresIn, String tokenType) {
        static SessionView of(User user, TokenPair tokens) {
            TokenView t = TokenView.of(tokens);
            return new SessionView(UserView.of(user), t.accessToken(), t.refreshToken(), t.expiresIn(), t.tokenType());
        }
    }
}
