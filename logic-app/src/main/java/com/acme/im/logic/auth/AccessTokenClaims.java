package com.acme.im.logic.auth;

/**
 * 已校验访问令牌中的声明。
 *
 * @param userId    用户 ID（sub）
 * @param username  用户名
 * @param sessionId 令牌族 ID（sid），登出时整体吊销
 * @param tokenId   令牌 ID（jti），吊销表的键
 * @param expiresAt 过期时间（毫秒时间戳）
 */
public record AccessTokenClaims(long userId, String username, String sessionId, String tokenId, long expiresAt) {
}
