package com.acme.im.gateway.message;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.validation.constraints.NotNull;

/**
 * 消息变更接口的请求体；响应沿用 ConversationViews.MessageView（与历史消息、new-message 帧相同）。
 */
public final class MessageViews {

    private MessageViews() {
    }

    /** 编辑请求：新内容（非空白、最多 4096 个字符，超出或空白 3002，与发送相同）。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record EditBody(@NotNull String content) {
    }
}
