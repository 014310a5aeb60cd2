package com.acme.im.gateway.conversation;

import com.acme.im.proto.common.v1.Conversation;
import com.acme.im.proto.common.v1.Message;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import java.util.List;

/**
 * 会话接口的请求与响应体。64 位 ID（消息、用户、群）输出为字符串，避免 JavaScript 超过 2^53 丢精度；
 * seq 与时间戳是数字。
 */
public final class ConversationViews {

    private ConversationViews() {
    }

    /**
     * 一条消息；与 WebSocket new-message 帧的 data 字段完全相同。
     * 可选字段只在有值时出现：reply_to（引用的消息 ID）、edited_at（编辑过）、
     * recalled/recalled_at/recalled_by（已撤回的墓碑，content 为空串）。
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MessageView(String messageId, String conversationId, String senderId, int messageType,
                              String content, long seqId, @Nullable String clientMsgId, long timestamp,
                              @Nullable String replyTo, @Nullable Long editedAt, @Nullable Boolean recalled,
                              @Nullable Long recalledAt, @Nullable String recalledBy) {
        public static MessageView of(Message m) {
            return new MessageView(Long.toString(m.getId()), m.getConversationId(), Long.toString(m.getSenderId()),
                    m.getTypeValue(), m.getContent(), m.getSeq(),
                    m.getClientMsgId().isEmpty() ? null : m.getClientMsgId(), m.getCreatedAt(),
                    m.getReplyTo() == 0 ? null : Long.toString(m.getReplyTo()),
                    m.getEditedAt() == 0 ? null : m.getEditedAt(),
                    m.getRecalled() ? Boolean.TRUE : null,
                    m.getRecalled() ? m.getRecalledAt() : null,
                    m.getRecalled() ? Long.toString(m.getRecalledBy()) : null);
        }
    }

    /** 会话摘要。type 为 single、group 或 world。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ConversationView(String id, String type, String name, String avatarUrl,
                                   @Nullable MessageView lastMessage, long unreadCount, long updatedAt, long readSeq,
                                   @Nullable String peerUserId, @Nullable String groupId) {
        static ConversationView of(Conversation c) {
            String type = switch (c.getType()) {
                case CONVERSATION_TYPE_SINGLE -> "single";
                case CONVERSATION_TYPE_GROUP -> "group";
                case CONVERSATION_TYPE_WORLD -> "world";
                default -> "unknown";
            };
            return new ConversationView(c.getId(), type, c.getName(), c.getAvatarUrl(),
                    c.hasLastMessage() ? MessageView.of(c.getLastMessage()) : null,
                    c.getUnreadCount(), c.getUpdatedAt(), c.getReadSeq(),
                    c.getPeerUserId() == 0 ? null : Long.toString(c.getPeerUserId()),
                    c.getGroupId() == 0 ? null : Long.toString(c.getGroupId()));
        }
    }

    /** 会话列表页。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ConversationPage(List<ConversationView> conversations, int total) {
    }

    /** 历史消息页（按 seq 升序）。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record MessagePage(List<MessageView> messages, boolean hasMore) {
    }

    /** 标记已读请求。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ReadBody(@NotNull @PositiveOrZero Long seq) {
    }

    /** 标记已读结果。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ReadView(long readSeq, long unreadCount) {
    }

    /** 打开单聊请求；peer_user_id 可写成数字或字符串。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record OpenSingleBody(@NotNull Long peerUserId) {
    }

    /** 只含会话 ID 的响应（打开单聊、加入世界聊天室）。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ConversationIdView(String conversationId) {
    }
}
