package com.acme.im.gateway.conversation;

import com.acme.im.proto.common.v1.Conversation;
import com.acme.im.proto.common.v1.Message;
import com.acme.im.gateway.group.StrictBooleanDeserializer;
import com.acme.im.runtime.limits.Limits;
import io.swagger.v3.oas.annotations.media.Schema;
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
     * recalled/recalled_at/recalled_by（已撤回的墓碑，content 为空串）、
     * mentions（被 @ 的用户 ID 字符串，@所有人 为 "all"，与 send-message 的写法相同）。
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MessageView(String messageId, String conversationId, String senderId, int messageType,
                              String content, long seqId, @Nullable String clientMsgId, long timestamp,
                              @Nullable String replyTo, @Nullable Long editedAt, @Nullable Boolean recalled,
                              @Nullable Long recalledAt, @Nullable String recalledBy, @Nullable List<String> mentions) {

        /** 没有 @ 的消息。 */
        public MessageView(String messageId, String conversationId, String senderId, int messageType,
                           String content, long seqId, @Nullable String clientMsgId, long timestamp,
                           @Nullable String replyTo, @Nullable Long editedAt, @Nullable Boolean recalled,
                           @Nullable Long recalledAt, @Nullable String recalledBy) {
            this(messageId, conversationId, senderId, messageType, content, seqId, clientMsgId, timestamp, replyTo,
                    editedAt, recalled, recalledAt, recalledBy, null);
        }

        public static MessageView of(Message m) {
            return new MessageView(Long.toString(m.getId()), m.getConversationId(), Long.toString(m.getSenderId()),
                    m.getTypeValue(), m.getContent(), m.getSeq(),
                    m.getClientMsgId().isEmpty() ? null : m.getClientMsgId(), m.getCreatedAt(),
                    m.getReplyTo() == 0 ? null : Long.toString(m.getReplyTo()),
                    m.getEditedAt() == 0 ? null : m.getEditedAt(),
                    m.getRecalled() ? Boolean.TRUE : null,
                    m.getRecalled() ? m.getRecalledAt() : null,
                    m.getRecalled() ? Long.toString(m.getRecalledBy()) : null,
                    mentions(m));
        }

        /** @ 列表的帧形式：all 在前，其后是用户 ID 字符串；没有 @ 时为 null（字段不出现）。 */
        @Nullable
        static List<String> mentions(Message m) {
            if (!m.getMentionAll() && m.getMentionedUserIdsCount() == 0) {
                return null;
            }
            List<String> out = new java.util.ArrayList<>();
            if (m.getMentionAll()) {
                out.add(Limits.MENTION_ALL);
            }
            m.getMentionedUserIdsList().forEach(u -> out.add(Long.toString(u)));
            return out;
        }
    }

    /**
     * 会话摘要。type 为 single、group 或 world。pinned、muted 是调用者自己的设置（列表中置顶的在前）；
     * mentioned 为 true 表示有人 @ 了调用者（含 @所有人）且他还没读到那条消息（mention_seq 大于 read_seq）。
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ConversationView(String id, String type, String name, String avatarUrl,
                                   @Nullable MessageView lastMessage, long unreadCount, long updatedAt, long readSeq,
                                   @Nullable String peerUserId, @Nullable String groupId,
                                   boolean pinned, boolean muted, boolean mentioned, long mentionSeq) {
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
                    c.getGroupId() == 0 ? null : Long.toString(c.getGroupId()),
                    c.getPinned(), c.getMuted(), c.getMentioned(), c.getMentionSeq());
        }
    }

    /**
     * 修改会话设置请求：只改给出的字段，两者都不给返回 1001。必须是 JSON 布尔值（"true" 之类的字符串、数字返回 1001）。
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record SettingsBody(
            @Schema(description = "是否置顶；不给出表示不改", nullable = true)
            @Nullable @Serdeable.Deserializable(using = StrictBooleanDeserializer.class) Boolean pinned,
            @Schema(description = "是否免打扰（不发离线推送，被 @ 时除外）；不给出表示不改", nullable = true)
            @Nullable @Serdeable.Deserializable(using = StrictBooleanDeserializer.class) Boolean muted) {
    }

    /** 修改后的会话设置；与 conversation-settings 帧的 data 相同。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record SettingsView(String conversationId, boolean pinned, boolean muted, long updatedAt) {
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
