package com.acme.im.gateway.device;

import com.acme.im.proto.logic.v1.Device;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.List;

/**
 * “我的设备”的响应体。
 */
public final class DeviceViews {

    private DeviceViews() {
    }

    /**
     * 一台已登录的设备（一个有效会话）。
     *
     * @param deviceId   登录时给出的设备 ID；未给出时省略（这样的会话只能在本机登出）
     * @param platform   推送平台 apns/fcm；未登记推送令牌时省略
     * @param createdAt  登录时间（毫秒时间戳）
     * @param lastSeenAt 最后活动时间（毫秒时间戳）：在线时为当前时间，否则为最近一次刷新令牌的时间
     * @param online     是否有存活的 WebSocket 连接
     * @param gatewayIds 持有其连接的网关 ID；离线时为空
     * @param current    是否为发起本次请求的会话
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record DeviceView(@Nullable String deviceId, @Nullable String platform, long createdAt, long lastSeenAt,
                             boolean online, List<String> gatewayIds, boolean current) {
        static DeviceView of(Device d) {
            return new DeviceView(d.getDeviceId().isEmpty() ? null : d.getDeviceId(),
                    d.getPlatform().isEmpty() ? null : d.getPlatform(), d.getCreatedAt(), d.getLastSeenAt(),
                    d.getOnline(), List.copyOf(d.getGatewayIdsList()), d.getCurrent());
        }
    }

    /** 设备列表，按登录时间倒序。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record DeviceList(List<DeviceView> devices) {
    }
}
