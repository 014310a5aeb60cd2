package com.acme.im.logic.message;

import com.acme.im.runtime.limits.Limits;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.event.v1.UpstreamMessage;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageValidatorTest {

    private final MessageValidator validator = new MessageValidator();

    private static UpstreamMessage.Builder valid() {
        return UpstreamMessage.newBuilder()
                .setUserId(1).setGatewayId("gw-1").setConnectionId("c1")
                .setConversationId("s_1_2").setType(MessageType.MESSAGE_TYPE_TEXT)
                .setContent("hello").setClientMsgId("m-1");
    }

    private ErrorCode codeOf(UpstreamMessage m) {
        return assertThrows(ImException.class, () -> validator.validate(m)).errorCode();
    }

    @Test
    void mentionsOnlyInGroupsPositiveAndWithinLimit() {
        validator.validate(valid().setConversationId("g_7").addMentionedUserIds(3).setMentionAll(true).build());
        assertEquals(ErrorCode.INVALID_MENTIONS, codeOf(valid().addMentionedUserIds(2).build()));
        assertEquals(ErrorCode.INVALID_MENTIONS, codeOf(valid().setConversationId("world").setMentionAll(true).build()));
        assertEquals(ErrorCode.INVALID_MENTIONS, codeOf(valid().setConversationId("g_7").addMentionedUserIds(-1).build()));
        UpstreamMessage.Builder many = valid().setConversationId("g_7").setMentionAll(true);
        for (long u = 1; u <= Limits.MAX_MENTIONS; u++) {
            many.addMentionedUserIds(u);
        }
        assertEquals(ErrorCode.INVALID_MENTIONS, codeOf(many.build()));
        // 重复项合并后计数
        UpstreamMessage.Builder repeated = valid().setConversationId("g_7");
        for (int i = 0; i < Limits.MAX_MENTIONS * 2; i++) {
            repeated.addMentionedUserIds(5);
        }
        validator.validate(repeated.build());
    }

    @Test
    void acceptsClientContentTypes() {
        assertEquals("s_1_2", validator.validate(valid().build()).value());
        validator.validate(valid().setType(MessageType.MESSAGE_TYPE_IMAGE).build());
        validator.validate(valid().setType(MessageType.MESSAGE_TYPE_FILE).build());
    }

    @Test
    void rejectsSystemAndUnspecifiedTypes() {
        assertEquals(ErrorCode.INVALID_MESSAGE, codeOf(valid().setType(MessageType.MESSAGE_TYPE_SYSTEM).build()));
        assertEquals(ErrorCode.INVALID_MESSAGE, codeOf(valid().setType(MessageType.MESSAGE_TYPE_UNSPECIFIED).build()));
    }

    @Test
    void contentMustBeNonEmptyAndWithinLimit() {
        assertEquals(ErrorCode.INVALID_MESSAGE, codeOf(valid().setContent("").build()));
        assertEquals(ErrorCode.INVALID_MESSAGE, codeOf(valid().setContent("   ").build()));
        assertEquals(ErrorCode.INVALID_MESSAGE, codeOf(valid().setContent("x".repeat(Limits.MAX_CONTENT_CODE_POINTS + 1)).build()));
        // 按字符而非 UTF-16 单元计数：上限个表情符号（两倍的 UTF-16 单元）正好在上限内
        validator.validate(valid().setContent("😀".repeat(Limits.MAX_CONTENT_CODE_POINTS)).build());
    }

    @Test
    void clientMsgIdIsRequiredAndBounded() {
        assertEquals(ErrorCode.INVALID_PARAMETER, codeOf(valid().setClientMsgId("").build()));
        assertEquals(ErrorCode.INVALID_PARAMETER, codeOf(valid().setClientMsgId("x".repeat(65)).build()));
        validator.validate(valid().setClientMsgId("x".repeat(64)).build());
    }

    @Test
    void conversationIdMustBeValid() {
        assertEquals(ErrorCode.INVALID_PARAMETER, codeOf(valid().setConversationId("s_2_1").build()));
    }

    @Test
    void addressableNeedsSenderGatewayAndConnection() {
        assertTrue(validator.addressable(valid().build()));
        assertFalse(validator.addressable(valid().setUserId(0).build()));
        assertFalse(validator.addressable(valid().setGatewayId("").build()));
        assertFalse(validator.addressable(valid().setConnectionId("").build()));
    }
}
