package com.acme.im.repo.presence;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * 在线状态参数。
 *
 * @param ttl       一个连接在最后一次上线/续期后保持在线的时长，默认 90 秒；
 *                  网关应以明显短于它的间隔（如 30 秒）调用 RefreshGateway
 * @param retention 在线状态哈希（含 last_seen）的保留时长，默认 7 天
 */
@ConfigurationProperties("im.repo.presence")
public record PresenceConfiguration(
        @Bindable(defaultValue = "90s") Duration ttl,
        @Bindable(defaultValue = "7d") Duration retention) {
}
