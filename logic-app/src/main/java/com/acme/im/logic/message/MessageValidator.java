package com.acme.im.logic.message;

import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.event.v1.UpstreamMessage;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.limits.Limits;
import jakarta.inject.Singleton;

/**
 * 上行消息的输入规则（上限见 {@link Limits}，与网关、repo 相同）：客户端只能发文本、图片、文件；
 * 内容非空且不超过上限；client_msg_id 为 1-64 个可打印 ASCII 字符。
 */
@Singleton
public class MessageValidator {


    /** 能否给发送者回 ack：缺少发送者、网关或连接时无处回复，只能记为格式错误的记录。 */
    public boolean addressable(UpstreamMessage m) {
        return m.getUserId() > 0 && !m.getGatewayId().isEmpty() && !m.getConnectionId().isEmpty();
    }

    /** 校验并解析会话 ID；违反规则时抛出带错误码的异常，由调用方转成错误 ack。 */
    public ConversationId validate(UpstreamMessage m) {
        String clientMsgId = m.getClientMsgId();
        if (!Limits.isClientMsgId(clientMsgId)) {
            throw new ImException(ErrorCode.INVALID_PARAMETER,
                    "client_msg_id must be 1-" + Limits.MAX_CLIENT_MSG_ID + " printable ASCII characters");
        }
        ConversationId id = ConversationId.parse(m.getConversationId());
        MessageType type = m.getType();
        if (type == MessageType.UNRECOGNIZED || !Limits.isClientMessageType(type.getNumber())) {
            throw new ImException(ErrorCode.INVALID_MESSAGE, "message type must be TEXT, IMAGE or FILE");
        }
        String content = m.getContent();
        if (content.isBlank()) {
            throw new ImException(ErrorCode.INVALID_MESSAGE, "content must not be empty");
        }
        if (!Limits.isContentWithinLimit(content)) {
            throw new ImException(ErrorCode.INVALID_MESSAGE, "content longer than " + Limits.MAX_CONTENT_CODE_POINTS + " characters");
        }
        validateMentions(m, id);
        return id;
    }

    /**
     * @ 的格式规则（3010）：只允许群聊；用户 ID 为正；去重后（all 计一个）不超过 {@link Limits#MAX_MENTIONS}。
     * 被 @ 的是否为成员由 repo 在保存时一次查完（3011），@所有人 的角色在成员检查之后判定（3012）。
     */
    private static void validateMentions(UpstreamMessage m, ConversationId id) {
        if (m.getMentionedUserIdsCount() == 0 && !m.getMentionAll()) {
            return;
        }
        if (!id.isGroup()) {
            throw new ImException(ErrorCode.INVALID_MENTIONS, "mentions are only allowed in group conversations");
        }
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (long u : m.getMentionedUserIdsList()) {
            if (u <= 0) {
                throw new ImException(ErrorCode.INVALID_MENTIONS, "mentioned user ids must be positive");
            }
            ids.add(u);
        }
        if (ids.size() + (m.getMentionAll() ? 1 : 0) > Limits.MAX_MENTIONS) {
            throw new ImException(ErrorCode.INVALID_MENTIONS, "at most " + Limits.MAX_MENTIONS + " mentions per message");
        }
    }
}
