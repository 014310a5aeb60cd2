package com.acme.im.repo.presence;

import java.util.List;

/**
 * 一个用户的在线情况：持有其存活连接的网关（去重）与最后在线时间。
 */
public record PresenceRecord(long userId, boolean online, List<String> gatewayIds, long lastSeen) {
}
