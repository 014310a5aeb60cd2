package com.acme.im.bench.client;

/**
 * 压测用户：ID、用户名与令牌对。expiresAtMillis 是访问令牌过期的时刻（墙钟）。
 */
public record BenchUser(long id, String username, String accessToken, String refreshToken, long expiresAtMillis) {
}
