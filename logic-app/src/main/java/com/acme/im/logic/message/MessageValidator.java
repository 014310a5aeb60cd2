package com.acme.im.logic.message;

import com.acme.im.logic.LogicConfiguration;
import com.acme.im.logic.conversation.ConversationId;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.event.v1.UpstreamMessage;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import jakarta.inject.Singleton;

/**
 * 上行消息的输入规则：客户端只能发文本、图片、文件；内容非空且不超过上限；client_msg_id 1-64 字符。
 */
@Singleton
public class MessageValidator {

    private final int maxContentLength;

    public MessageValidator(LogicConfiguration configuration) {
        this.maxContentLength = configuration.getMaxContentLength();
    }

    /** 能否给发送者回 ack：缺少发送者、网关或连接时无处回复，只能记为格式错误的记录。 */
    public boolean addressable(UpstreamMessage m) {
        return m.getUserId() > 0 && !m.getGatewayId().isEmpty() && !m.getConnectionId().isEmpty();
    }

    /** 校验并解析会话 ID；违反规则时抛出带错误码的异常，由调用方转成错误 ack。 */
    public ConversationId validate(UpstreamMessage m) {
        String clientMsgId = m.getClientMsgId();
        if (clientMsgId.isEmpty() || clientMsgId.length() > 64) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "client_msg_id must be 1-64 characters");
        }
        ConversationId id = ConversationId.parse(m.getConversationId());
        MessageType type = m.getType();
        if (type != MessageType.MESSAGE_TYPE_TEXT && type != MessageType.MESSAGE_TYPE_IMAGE && type != MessageType.MESSAGE_TYPE_FILE) {
            throw new ImException(ErrorCode.INVALID_MESSAGE, "message type must be TEXT, IMAGE or FILE");
        }
        String content = m.getContent();
        if (content.isBlank()) {
            throw new ImException(ErrorCode.INVALID_MESSAGE, "content must not be empty");
        }
        if (content.codePointCount(0, content.length()) > maxContentLength) {
            throw new ImException(ErrorCode.INVALID_MESSAGE, "content longer than " + maxContentLength + " characters");
        }
        return id;
    }
}
