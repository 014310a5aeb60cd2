package com.acme.im.repo.push;

/**
 * 一个设备的推送令牌。
 */
public record PushTokenRecord(long userId, String deviceId, String platform, String token) {
}
