package com.acme.im.repo.session;

/**
 * 新签发的刷新令牌：明文只在此刻出现一次，库里只有它的哈希。
 */
public record IssuedToken(long userId, String refreshToken, String sessionId, long expiresAt) {
}
