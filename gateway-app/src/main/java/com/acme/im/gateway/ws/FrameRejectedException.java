package com.acme.im.gateway.ws;

import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import io.micronaut.core.annotation.Nullable;

/**
 * 帧被拒绝：带上能解析出来的帧 ID 与 client_msg_id，客户端据此把错误对应到自己发出的那条。
 */
public class FrameRejectedException extends ImException {

    private final String messageId;
    private final String clientMsgId;

    public FrameRejectedException(ErrorCode code, String message, @Nullable String messageId, @Nullable String clientMsgId) {
        super(code, message);
        this.messageId = messageId;
        this.clientMsgId = clientMsgId;
    }

    @Nullable
    public String messageId() {
        return messageId;
    }

    @Nullable
    public String clientMsgId() {
        return clientMsgId;
    }
}
