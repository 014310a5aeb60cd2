package com.acme.im.gateway.presence;

import com.acme.im.proto.common.v1.Presence;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * 在线状态查询的请求与响应体；不暴露网关 ID。
 */
public final class PresenceViews {

    private PresenceViews() {
    }

    /** 批量查询请求，最多 500 个用户。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record QueryBody(@NotNull @NotEmpty @Size(max = 500) List<@NotNull Long> userIds) {
    }

    /** 单个用户的在线状态。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record PresenceView(String userId, boolean online, long lastSeen) {
        static PresenceView of(Presence p) {
            return new PresenceView(Long.toString(p.getUserId()), p.getOnline(), p.getLastSeen());
        }
    }

    /** 查询结果。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record PresencePage(List<PresenceView> presences) {
    }
}
