package com.acme.im.repo.session;

import java.util.List;

/**
 * 一个有效会话（一台设备上的一次登录），供“我的设备”列表使用。
 *
 * @param sessionId  令牌族 ID
 * @param deviceId   登录时给出的设备 ID，可为空串
 * @param platform   该设备推送令牌的平台，未登记时为空串
 * @param createdAt  登录时间（毫秒）
 * @param lastSeenAt 最后活动时间（毫秒）：在线时为当前时间，否则为最近一次刷新令牌的时间
 * @param gatewayIds 持有该会话连接的网关，离线时为空
 */
public record LiveSession(String sessionId, String deviceId, String platform, long createdAt, long lastSeenAt,
                          List<String> gatewayIds) {
}
