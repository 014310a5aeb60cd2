package com.acme.im.gateway.ws;

import com.acme.im.gateway.conversation.ConversationViews;
import com.acme.im.gateway.group.GroupViews;
import com.acme.im.proto.event.v1.ConversationSettingsEvent;
import com.acme.im.proto.event.v1.GroupUpdatedEvent;
import com.acme.im.proto.event.v1.FriendAddedEvent;
import com.acme.im.proto.event.v1.FriendRequestEvent;
import com.acme.im.proto.event.v1.MessageAckEvent;
import com.acme.im.proto.event.v1.MessageMaskedEvent;
import com.acme.im.proto.event.v1.MessageRecalledEvent;
import com.acme.im.proto.event.v1.TypingEvent;
import com.acme.im.proto.event.v1.OnlineStatusEvent;
import com.acme.im.proto.event.v1.ReadReceiptEvent;
import com.acme.im.runtime.error.ErrorCode;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * 服务端帧的 JSON 序列化：{"type","message_id"?,"data","timestamp"}。
 * 64 位 ID（message_id、sender_id、user_id、reader_id）一律输出为字符串，seq 与时间戳为数字。
 */
@Singleton
public class ServerFrames {

    public static final String NEW_MESSAGE = "new-message";
    public static final String MESSAGE_ACK = "message-ack";
    public static final String ONLINE_STATUS = "online-status";
    public static final String READ_RECEIPT = "read-receipt";
    public static final String ERROR = "error";
    public static final String PONG = "pong";
    public static final String MESSAGE_MASKED = "message-masked";
    public static final String MESSAGE_RECALLED = "message-recalled";
    public static final String MESSAGE_EDITED = "message-edited";
    public static final String TYPING = "typing";
    public static final String FRIEND_REQUEST = "friend-request";
    public static final String FRIEND_ADDED = "friend-added";
    public static final String GROUP_UPDATED = "group-updated";
    public static final String CONVERSATION_SETTINGS = "conversation-settings";

    private final JsonMapper jsonMapper;

    public ServerFrames(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** 帧外层。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Frame<T>(String type, @Nullable String messageId, T data, long timestamp) {
    }

    /** message-ack 的 data；成功时没有 error_code，失败时没有 message_id。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AckData(String clientMsgId, String conversationId, @Nullable String messageId, long seqId,
                          @Nullable Integer errorCode, @Nullable String errorMessage) {
    }

    /** online-status 的 data。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OnlineStatusData(String userId, boolean online, long timestamp) {
    }

    /** read-receipt 的 data。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReadReceiptData(String conversationId, String readerId, long readSeq, long timestamp) {
    }

    /** message-masked 的 data：客户端用 content 替换本地该消息的内容。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MaskedData(String conversationId, String messageId, long seqId, String content) {
    }

    /** message-recalled 的 data：客户端把本地该消息换成墓碑（清空内容）。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecalledData(String conversationId, String messageId, long seqId, String recalledBy, long recalledAt) {
    }

    /** typing 的 data：user_id 正在该会话中输入（几秒内有效，客户端自行淡出）。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TypingData(String conversationId, String userId, long timestamp) {
    }

    /** friend-request 的 data：收到一条好友申请（request_id 用于接受、拒绝）。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FriendRequestData(String requestId, String fromUserId, String toUserId, String note, long createdAt) {
    }

    /** friend-added 的 data：与 friend_user_id 成为好友（双方各收到一帧，friend_user_id 是对方）。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FriendAddedData(String requestId, String friendUserId, long timestamp) {
    }

    /** error 的 data。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorData(int code, String message, @Nullable String clientMsgId) {
    }

    public String newMessage(ConversationViews.MessageView message) {
        return write(NEW_MESSAGE, null, message, ConversationViews.MessageView.class);
    }

    public String messageAck(MessageAckEvent e) {
        boolean failed = e.getErrorCode() != 0;
        AckData data = new AckData(e.getClientMsgId(), e.getConversationId(),
                failed ? null : Long.toString(e.getMessageId()), e.getSeq(),
                failed ? e.getErrorCode() : null,
                failed ? e.getErrorMessage() : null);
        return write(MESSAGE_ACK, null, data, AckData.class);
    }

    public String onlineStatus(OnlineStatusEvent e) {
        return write(ONLINE_STATUS, null,
                new OnlineStatusData(Long.toString(e.getUserId()), e.getOnline(), e.getTimestamp()), OnlineStatusData.class);
    }

    public String readReceipt(ReadReceiptEvent e) {
        return write(READ_RECEIPT, null, new ReadReceiptData(e.getConversationId(), Long.toString(e.getReaderId()),
                e.getReadSeq(), e.getTimestamp()), ReadReceiptData.class);
    }

    public String messageMasked(MessageMaskedEvent e) {
        return write(MESSAGE_MASKED, null, new MaskedData(e.getConversationId(), Long.toString(e.getMessageId()),
                e.getSeq(), e.getMaskedContent()), MaskedData.class);
    }

    public String messageRecalled(MessageRecalledEvent e) {
        return write(MESSAGE_RECALLED, null, new RecalledData(e.getConversationId(), Long.toString(e.getMessageId()),
                e.getSeq(), Long.toString(e.getRecalledBy()), e.getRecalledAt()), RecalledData.class);
    }

    /** message-edited 的 data 与 new-message 相同（完整消息，content 为新内容，带 edited_at）。 */
    public String messageEdited(ConversationViews.MessageView message) {
        return write(MESSAGE_EDITED, null, message, ConversationViews.MessageView.class);
    }

    public String typing(TypingEvent e) {
        return write(TYPING, null, new TypingData(e.getConversationId(), Long.toString(e.getUserId()), e.getTimestamp()),
                TypingData.class);
    }

    public String friendRequest(FriendRequestEvent e) {
        return write(FRIEND_REQUEST, null, new FriendRequestData(Long.toString(e.getRequestId()), Long.toString(e.getFromUserId()),
                Long.toString(e.getToUserId()), e.getNote(), e.getCreatedAt()), FriendRequestData.class);
    }

    public String friendAdded(FriendAddedEvent e) {
        return write(FRIEND_ADDED, null, new FriendAddedData(Long.toString(e.getRequestId()), Long.toString(e.getFriendUserId()),
                e.getTimestamp()), FriendAddedData.class);
    }

    /** group-updated 的 data：变更类型、操作者、变更后的群，以及受影响成员（role、owner、member_muted 时）。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GroupUpdatedData(String groupId, String conversationId, String change, String actorId,
                                   GroupViews.GroupView group, @Nullable GroupViews.MemberView member) {
    }

    public String groupUpdated(GroupUpdatedEvent e) {
        GroupViews.MemberView member = e.hasMember() ? GroupViews.MemberView.of(e.getMember()) : null;
        return write(GROUP_UPDATED, null, new GroupUpdatedData(Long.toString(e.getGroup().getId()),
                e.getGroup().getConversationId(), e.getChange(), Long.toString(e.getActorId()),
                GroupViews.GroupView.of(e.getGroup(), null), member), GroupUpdatedData.class);
    }

    /** conversation-settings 的 data：与 PUT /conversations/{id}/settings 的响应相同（该用户修改后的置顶、免打扰）。 */
    public String conversationSettings(ConversationSettingsEvent e) {
        return write(CONVERSATION_SETTINGS, null, new ConversationViews.SettingsView(e.getConversationId(), e.getPinned(),
                e.getMuted(), e.getUpdatedAt()), ConversationViews.SettingsView.class);
    }

    public String error(ErrorCode code, String message, @Nullable String messageId, @Nullable String clientMsgId) {
        return write(ERROR, messageId, new ErrorData(code.code(), message, clientMsgId), ErrorData.class);
    }

    public String pong(@Nullable String messageId) {
        return write(PONG, messageId, Map.of(), Map.class);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T> String write(String type, @Nullable String messageId, T data, Class<?> dataType) {
        Frame<T> frame = new Frame<>(type, messageId, data, System.currentTimeMillis());
        Argument<Frame<T>> argument = (Argument) Argument.of(Frame.class, dataType);
        try {
            return jsonMapper.writeValueAsString(argument, frame);
        } catch (IOException e) {
            // 只可能是代码错误：这些记录的字段都是简单类型
            throw new UncheckedIOException(e);
        }
    }
}
