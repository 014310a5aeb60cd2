package com.acme.im.gateway.ws;

import com.acme.im.proto.common.v1.MessageType;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * 已通过校验的客户端帧。messageId 是客户端给帧起的可选 ID，服务端在直接回应（pong、error）中原样带回。
 */
public sealed interface ClientFrame permits ClientFrame.SendMessage, ClientFrame.Ping, ClientFrame.Read, ClientFrame.Typing {

    /** 客户端帧 ID（可空）。 */
    @Nullable
    String messageId();

    /**
     * 发送消息；replyTo 为引用的消息 ID（同一会话），0 表示不是回复；
     * mentionedUserIds 为被 @ 的用户（去重），mentionAll 为 @所有人。
     */
    record SendMessage(@Nullable String messageId, String conversationId, MessageType messageType,
                       String content, String clientMsgId, long replyTo, List<Long> mentionedUserIds,
                       boolean mentionAll) implements ClientFrame {

        /** 没有 @ 的消息。 */
        public SendMessage(@Nullable String messageId, String conversationId, MessageType messageType,
                           String content, String clientMsgId, long replyTo) {
            this(messageId, conversationId, messageType, content, clientMsgId, replyTo, List.of(), false);
        }

        /** 不是回复的消息。 */
        public SendMessage(@Nullable String messageId, String conversationId, MessageType messageType,
                           String content, String clientMsgId) {
            this(messageId, conversationId, messageType, content, clientMsgId, 0);
        }
    }

    /** 应用层心跳。 */
    record Ping(@Nullable String messageId) implements ClientFrame {
    }

    /** 正在输入（只转发给会话的其他在线成员，不存储）。 */
    record Typing(@Nullable String messageId, String conversationId) implements ClientFrame {
    }

    /** 标记已读的快捷方式。 */
    record Read(@Nullable String messageId, String conversationId, long seq) implements ClientFrame {
    }
}
