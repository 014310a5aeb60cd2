package com.acme.im.gateway.auth;

import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import io.micronaut.security.authentication.Authentication;

/**
 * 已认证的调用者：用户 ID 只来自校验过的令牌，从不取客户端自报值。
 *
 * @param userId    用户 ID（令牌 sub）
 * @param username  用户名
 * @param sessionId 令牌族 ID（sid）
 */
public record AuthenticatedUser(long userId, String username, String sessionId) {

    public static AuthenticatedUser of(Authentication authentication) {
        try {
            Object username = authentication.getAttributes().get(RevocationCheckingTokenValidator.ATTR_USERNAME);
            Object sid = authentication.getAttributes().get(RevocationCheckingTokenValidator.ATTR_SESSION_ID);
            return new AuthenticatedUser(Long.parseLong(authentication.getName()),
                    username == null ? "" : username.toString(), sid == null ? "" : sid.toString());
        } catch (NumberFormatException e) {
            throw new ImException(ErrorCode.UNAUTHORIZED, "token subject is not a user id");
        }
    }
}
