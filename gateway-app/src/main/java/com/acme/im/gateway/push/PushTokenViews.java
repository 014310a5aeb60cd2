package com.acme.im.gateway.push;

import com.acme.im.runtime.limits.Limits;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * 推送令牌接口的请求体；上限都取自 Limits，字符集（可打印 ASCII）由 logic 判定并返回 1001。
 */
public final class PushTokenViews {

    private PushTokenViews() {
    }

    /** 登记推送令牌：同一设备再次登记即覆盖。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record RegisterBody(
            @Schema(description = "推送平台", allowableValues = {Limits.PUSH_PLATFORM_APNS, Limits.PUSH_PLATFORM_FCM})
            @NotBlank @Pattern(regexp = Limits.PUSH_PLATFORM_PATTERN) String platform,
            @Schema(description = "推送服务分配的设备令牌（可打印 ASCII）")
            @NotBlank @Size(max = Limits.MAX_PUSH_TOKEN) String token,
            @Schema(description = "客户端自选的设备 ID（可打印 ASCII），与登录时的 device_id 相同才能在“我的设备”里对应起来")
            @NotBlank @Size(max = Limits.MAX_DEVICE_ID) String deviceId) {
    }
}
