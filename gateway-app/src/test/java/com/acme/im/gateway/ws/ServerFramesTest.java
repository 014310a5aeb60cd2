package com.acme.im.gateway.ws;

import com.acme.im.gateway.conversation.ConversationViews;
import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.event.v1.MessageAckEvent;
import com.acme.im.proto.event.v1.MessageRecalledEvent;
import com.acme.im.proto.event.v1.TypingEvent;
import com.acme.im.proto.event.v1.OnlineStatusEvent;
import com.acme.im.proto.event.v1.ReadReceiptEvent;
import com.acme.im.runtime.error.ErrorCode;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerFramesTest {

    private final JsonMapper json = JsonMapper.createDefault();
    private final ServerFrames frames = new ServerFrames(json);

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String frame) throws IOException {
        return json.readValue(frame, Map.class);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> data(String frame) throws IOException {
        return (Map<String, Object>) read(frame).get("data");
    }

    @Test
    void newMessageCarriesIdsAsStrings() throws IOException {
        long bigId = 9_007_199_254_740_993L; // 2^53 + 1：JavaScript 数字无法精确表示
        String frame = frames.newMessage(ConversationViews.MessageView.of(Message.newBuilder()
                .setId(bigId).setConversationId("s_1_2").setSenderId(1).setType(MessageType.MESSAGE_TYPE_TEXT)
                .setContent("hi").setSeq(7).setClientMsgId("c-1").setCreatedAt(1234).build()));
        Map<String, Object> root = read(frame);
        assertEquals("new-message", root.get("type"));
        assertTrue(((Number) root.get("timestamp")).longValue() > 0);
        assertFalse(root.containsKey("message_id"), "pushed frames carry no frame id");
        Map<String, Object> data = data(frame);
        assertEquals("9007199254740993", data.get("message_id"));
        assertEquals("1", data.get("sender_id"));
        assertEquals("s_1_2", data.get("conversation_id"));
        assertEquals(1, ((Number) data.get("message_type")).intValue());
        assertEquals("hi", data.get("content"));
        assertEquals(7, ((Number) data.get("seq_id")).intValue());
        assertEquals("c-1", data.get("client_msg_id"));
        assertEquals(1234, ((Number) data.get("timestamp")).intValue());
    }

    @Test
    void recalledEditedTypingAndReplyFields() throws IOException {
        Map<String, Object> recalled = data(frames.messageRecalled(MessageRecalledEvent.newBuilder()
                .setConversationId("g_3").setMessageId(55).setSeq(9).setRecalledBy(7).setRecalledAt(1000).build()));
        assertEquals(Map.of("conversation_id", "g_3", "message_id", "55", "seq_id", 9, "recalled_by", "7",
                "recalled_at", 1000), recalled);

        String edited = frames.messageEdited(ConversationViews.MessageView.of(Message.newBuilder()
                .setId(55).setConversationId("g_3").setSenderId(7).setType(MessageType.MESSAGE_TYPE_TEXT)
                .setContent("new text").setSeq(9).setCreatedAt(900).setEditedAt(1000).setReplyTo(54).build()));
        assertEquals("message-edited", read(edited).get("type"));
        Map<String, Object> editedData = data(edited);
        assertEquals("new text", editedData.get("content"));
        assertEquals(1000, ((Number) editedData.get("edited_at")).intValue());
        assertEquals("54", editedData.get("reply_to"));
        assertFalse(editedData.containsKey("recalled"), "only tombstones carry recalled");

        Map<String, Object> tomb = data(frames.newMessage(ConversationViews.MessageView.of(Message.newBuilder()
                .setId(55).setConversationId("g_3").setSenderId(7).setType(MessageType.MESSAGE_TYPE_TEXT)
                .setSeq(9).setCreatedAt(900).setRecalled(true).setRecalledAt(1000).setRecalledBy(8).build())));
        assertEquals("", tomb.get("content"));
        assertEquals(Boolean.TRUE, tomb.get("recalled"));
        assertEquals("8", tomb.get("recalled_by"));

        String typing = frames.typing(TypingEvent.newBuilder().setConversationId("s_1_2").setUserId(1).setTimestamp(5).build());
        assertEquals("typing", read(typing).get("type"));
        assertEquals(Map.of("conversation_id", "s_1_2", "user_id", "1", "timestamp", 5), data(typing));
    }

    @Test
    void successfulAckHasNoErrorFieldsAndFailedAckHasNoMessageId() throws IOException {
        Map<String, Object> ok = data(frames.messageAck(MessageAckEvent.newBuilder()
                .setClientMsgId("c-1").setConversationId("g_3").setMessageId(55).setSeq(9).build()));
        assertEquals(Map.of("client_msg_id", "c-1", "conversation_id", "g_3", "message_id", "55", "seq_id", 9), ok);

        Map<String, Object> failed = data(frames.messageAck(MessageAckEvent.newBuilder()
                .setClientMsgId("c-2").setConversationId("g_3").setErrorCode(4001).setErrorMessage("not a group member").build()));
        assertEquals("c-2", failed.get("client_msg_id"));
        assertEquals(4001, ((Number) failed.get("error_code")).intValue());
        assertEquals("not a group member", failed.get("error_message"));
        assertFalse(failed.containsKey("message_id"));
    }

    @Test
    void statusReceiptErrorAndPongFrames() throws IOException {
        assertEquals(Map.of("user_id", "5", "online", true, "timestamp", 10),
                data(frames.onlineStatus(OnlineStatusEvent.newBuilder().setUserId(5).setOnline(true).setTimestamp(10).build())));
        assertEquals(Map.of("conversation_id", "s_1_5", "reader_id", "5", "read_seq", 3, "timestamp", 11),
                data(frames.readReceipt(ReadReceiptEvent.newBuilder().setConversationId("s_1_5").setReaderId(5)
                        .setReadSeq(3).setTimestamp(11).build())));

        String error = frames.error(ErrorCode.RATE_LIMITED, "slow down", "f9", "c-3");
        assertEquals("error", read(error).get("type"));
        assertEquals("f9", read(error).get("message_id"));
        assertEquals(Map.of("code", 1005, "message", "slow down", "client_msg_id", "c-3"), data(error));

        assertEquals(Map.of("conversation_id", "g_1", "message_id", "8", "seq_id", 4, "content", "**"),
                data(frames.messageMasked(com.acme.im.proto.event.v1.MessageMaskedEvent.newBuilder()
                        .setConversationId("g_1").setMessageId(8).setSeq(4).setMaskedContent("**").build())));

        String pong = frames.pong("p1");
        assertEquals("pong", read(pong).get("type"));
        assertEquals("p1", read(pong).get("message_id"));
        assertEquals(Map.of(), data(pong));
    }

    @Test
    void mentionsAndConversationSettingsFrames() throws IOException {
        String frame = frames.newMessage(ConversationViews.MessageView.of(Message.newBuilder()
                .setId(5).setConversationId("g_7").setSenderId(1).setTypeValue(1).setContent("@all").setSeq(3)
                .setMentionAll(true).addMentionedUserIds(42).build()));
        assertEquals(java.util.List.of("all", "42"), data(frame).get("mentions"));
        String plain = frames.newMessage(ConversationViews.MessageView.of(Message.newBuilder()
                .setId(6).setConversationId("g_7").setSenderId(1).setTypeValue(1).setContent("x").setSeq(4).build()));
        assertEquals(false, data(plain).containsKey("mentions"));

        String settings = frames.conversationSettings(com.acme.im.proto.event.v1.ConversationSettingsEvent.newBuilder()
                .setConversationId("g_7").setUserId(42).setPinned(true).setMuted(false).setUpdatedAt(9).build());
        assertEquals("conversation-settings", read(settings).get("type"));
        assertEquals(Map.of("conversation_id", "g_7", "pinned", true, "muted", false, "updated_at", 9), data(settings));
    }

    @Test
    void friendFramesCarryIdsAsStrings() throws IOException {
        String request = frames.friendRequest(com.acme.im.proto.event.v1.FriendRequestEvent.newBuilder()
                .setRequestId(12).setFromUserId(41).setToUserId(42).setNote("hi").setCreatedAt(7).build());
        assertEquals("friend-request", read(request).get("type"));
        assertEquals(Map.of("request_id", "12", "from_user_id", "41", "to_user_id", "42", "note", "hi", "created_at", 7),
                data(request));
        String added = frames.friendAdded(com.acme.im.proto.event.v1.FriendAddedEvent.newBuilder()
                .setRequestId(12).setFriendUserId(41).setTimestamp(9).build());
        assertEquals("friend-added", read(added).get("type"));
        assertEquals(Map.of("request_id", "12", "friend_user_id", "41", "timestamp", 9), data(added));
    }
}
