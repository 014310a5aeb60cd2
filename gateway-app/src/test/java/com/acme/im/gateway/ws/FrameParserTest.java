package com.acme.im.gateway.ws;

import com.acme.im.runtime.limits.Limits;
import com.acme.im.gateway.GatewayConfiguration;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.runtime.error.ErrorCode;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrameParserTest {

    private static final int MAX_FRAME = 20_000;

    private final FrameParser parser = new FrameParser(JsonMapper.createDefault(), configuration());

    private static GatewayConfiguration configuration() {
        GatewayConfiguration c = new GatewayConfiguration();
        c.setMaxFrameBytes(MAX_FRAME);
        return c;
    }

    private static String send(String data) {
        return "{\"type\":\"send-message\",\"message_id\":\"f1\",\"data\":" + data + ",\"timestamp\":1}";
    }

    @Test
    void parsesValidSendMessage() {
        ClientFrame frame = parser.parse(send(
                "{\"conversation_id\":\"s_1_2\",\"message_type\":1,\"content\":\"hello\",\"client_msg_id\":\"c-1\"}"));
        ClientFrame.SendMessage send = assertInstanceOf(ClientFrame.SendMessage.class, frame);
        assertEquals("f1", send.messageId());
        assertEquals("s_1_2", send.conversationId());
        assertEquals(MessageType.MESSAGE_TYPE_TEXT, send.messageType());
        assertEquals("hello", send.content());
        assertEquals("c-1", send.clientMsgId());
    }

    @Test
    void parsesMentionsAsIdsAndAllMergingDuplicates() {
        ClientFrame.SendMessage m = assertInstanceOf(ClientFrame.SendMessage.class, parser.parse(send(
                "{\"conversation_id\":\"g_7\",\"message_type\":1,\"content\":\"@\",\"client_msg_id\":\"c-1\","
                        + "\"mentions\":[\"12\",12,\"all\",9007199254740993]}")));
        assertEquals(java.util.List.of(12L, 9_007_199_254_740_993L), m.mentionedUserIds());
        assertEquals(true, m.mentionAll());
        ClientFrame.SendMessage none = assertInstanceOf(ClientFrame.SendMessage.class, parser.parse(send(
                "{\"conversation_id\":\"s_1_2\",\"message_type\":1,\"content\":\"x\",\"client_msg_id\":\"c-1\",\"mentions\":[]}")));
        assertEquals(java.util.List.of(), none.mentionedUserIds());
        assertEquals(false, none.mentionAll());
        StringBuilder max = new StringBuilder("[");
        for (int i = 1; i <= Limits.MAX_MENTIONS; i++) {
            max.append(i == 1 ? "" : ",").append(i);
        }
        ClientFrame.SendMessage full = assertInstanceOf(ClientFrame.SendMessage.class, parser.parse(send(
                "{\"conversation_id\":\"g_7\",\"message_type\":1,\"content\":\"x\",\"client_msg_id\":\"c-1\",\"mentions\":" + max + "]}")));
        assertEquals(Limits.MAX_MENTIONS, full.mentionedUserIds().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMentions")
    void rejectsBadMentionsWith3010(String name, String mentions) {
        FrameRejectedException e = assertThrows(FrameRejectedException.class, () -> parser.parse(send(
                "{\"conversation_id\":\"g_7\",\"message_type\":1,\"content\":\"x\",\"client_msg_id\":\"c-9\",\"mentions\":" + mentions + "}")));
        assertEquals(ErrorCode.INVALID_MENTIONS, e.errorCode());
        assertEquals("c-9", e.clientMsgId());
    }

    static Stream<Arguments> badMentions() {
        StringBuilder tooMany = new StringBuilder("[\"all\"");
        for (int i = 1; i <= Limits.MAX_MENTIONS; i++) {
            tooMany.append(",").append(i);
        }
        return Stream.of(
                Arguments.of("not an array", "\"all\""),
                Arguments.of("object", "{\"all\":true}"),
                Arguments.of("word", "[\"bob\"]"),
                Arguments.of("ALL upper case", "[\"ALL\"]"),
                Arguments.of("zero", "[0]"),
                Arguments.of("negative", "[-1]"),
                Arguments.of("fraction", "[1.5]"),
                Arguments.of("overflow", "[99999999999999999999]"),
                Arguments.of("boolean", "[true]"),
                Arguments.of("null entry", "[null]"),
                Arguments.of("too many with all", tooMany + "]"));
    }

    @Test
    void mentionsOutsideGroupsAreRejected() {
        FrameRejectedException e = assertThrows(FrameRejectedException.class, () -> parser.parse(send(
                "{\"conversation_id\":\"s_1_2\",\"message_type\":1,\"content\":\"x\",\"client_msg_id\":\"c-1\",\"mentions\":[2]}")));
        assertEquals(ErrorCode.INVALID_MENTIONS, e.errorCode());
        assertThrows(FrameRejectedException.class, () -> parser.parse(send(
                "{\"conversation_id\":\"world\",\"message_type\":1,\"content\":\"x\",\"client_msg_id\":\"c-1\",\"mentions\":[\"all\"]}")));
    }

    @Test
    void parsesReplyToAsNumberOrDigitStringAndTypingFrame() {
        ClientFrame.SendMessage numeric = assertInstanceOf(ClientFrame.SendMessage.class, parser.parse(send(
                "{\"conversation_id\":\"s_1_2\",\"message_type\":1,\"content\":\"re\",\"client_msg_id\":\"c-1\",\"reply_to\":42}")));
        assertEquals(42, numeric.replyTo());
        ClientFrame.SendMessage text = assertInstanceOf(ClientFrame.SendMessage.class, parser.parse(send(
                "{\"conversation_id\":\"s_1_2\",\"message_type\":1,\"content\":\"re\",\"client_msg_id\":\"c-1\",\"reply_to\":\"9007199254740993\"}")));
        assertEquals(9_007_199_254_740_993L, text.replyTo());
        ClientFrame.SendMessage plain = assertInstanceOf(ClientFrame.SendMessage.class, parser.parse(send(
                "{\"conversation_id\":\"s_1_2\",\"message_type\":1,\"content\":\"re\",\"client_msg_id\":\"c-1\",\"reply_to\":null}")));
        assertEquals(0, plain.replyTo());
        ClientFrame.Typing typing = assertInstanceOf(ClientFrame.Typing.class,
                parser.parse("{\"type\":\"typing\",\"message_id\":\"t1\",\"data\":{\"conversation_id\":\"g_7\"}}"));
        assertEquals("g_7", typing.conversationId());
        assertEquals("t1", typing.messageId());
    }

    @Test
    void contentLimitCountsCharactersNotBytes() {
        // 上限个汉字 = 三倍的字节数，仍在按字符计的上限内
        String text = "中".repeat(Limits.MAX_CONTENT_CODE_POINTS);
        ClientFrame frame = parser.parse(send(
                "{\"conversation_id\":\"world\",\"message_type\":1,\"content\":\"" + text + "\",\"client_msg_id\":\"c\"}"));
        assertEquals(text, ((ClientFrame.SendMessage) frame).content());
    }

    @Test
    void parsesPingWithNumericFrameIdAndReadFrame() {
        assertEquals("42", parser.parse("{\"type\":\"ping\",\"message_id\":42}").messageId());
        ClientFrame.Read read = assertInstanceOf(ClientFrame.Read.class,
                parser.parse("{\"type\":\"read\",\"data\":{\"conversation_id\":\"g_7\",\"seq\":12}}"));
        assertEquals("g_7", read.conversationId());
        assertEquals(12, read.seq());
        assertNull(read.messageId());
    }

    static Stream<Arguments> badFrames() {
        String big = "x".repeat(MAX_FRAME);
        return Stream.of(
                Arguments.of("not json", "{oops", ErrorCode.INVALID_PARAMETER, null),
                Arguments.of("empty", "", ErrorCode.INVALID_PARAMETER, null),
                Arguments.of("json array", "[1,2]", ErrorCode.INVALID_PARAMETER, null),
                Arguments.of("json string", "\"ping\"", ErrorCode.INVALID_PARAMETER, null),
                Arguments.of("missing type", "{\"data\":{}}", ErrorCode.INVALID_PARAMETER, null),
                Arguments.of("numeric type", "{\"type\":7}", ErrorCode.INVALID_PARAMETER, null),
                Arguments.of("unknown type", "{\"type\":\"dance\"}", ErrorCode.INVALID_PARAMETER, null),
                Arguments.of("bad frame id", "{\"type\":\"ping\",\"message_id\":{\"a\":1}}", ErrorCode.INVALID_PARAMETER, null),
                Arguments.of("frame too large", "{\"type\":\"ping\",\"pad\":\"" + big + "\"}", ErrorCode.PAYLOAD_TOO_LARGE, null),
                Arguments.of("missing data", "{\"type\":\"send-message\"}", ErrorCode.INVALID_PARAMETER, null),
                Arguments.of("data not object", send("\"text\""), ErrorCode.INVALID_PARAMETER, null),
                Arguments.of("missing client_msg_id", send(
                        "{\"conversation_id\":\"s_1_2\",\"message_type\":1,\"content\":\"hi\"}"), ErrorCode.INVALID_PARAMETER, null),
                Arguments.of("numeric client_msg_id", send(
                        "{\"conversation_id\":\"s_1_2\",\"message_type\":1,\"content\":\"hi\",\"client_msg_id\":5}"), ErrorCode.INVALID_PARAMETER, null),
                Arguments.of("missing conversation_id", send(
                        "{\"message_type\":1,\"content\":\"hi\",\"client_msg_id\":\"c\"}"), ErrorCode.INVALID_PARAMETER, "c"),
                Arguments.of("bad conversation_id", send(
                        "{\"conversation_id\":\"a b\",\"message_type\":1,\"content\":\"hi\",\"client_msg_id\":\"c\"}"), ErrorCode.INVALID_PARAMETER, "c"),
                Arguments.of("string message_type", send(
                        "{\"conversation_id\":\"s_1_2\",\"message_type\":\"1\",\"content\":\"hi\",\"client_msg_id\":\"c\"}"), ErrorCode.INVALID_PARAMETER, "c"),
                Arguments.of("fractional message_type", send(
                        "{\"conversation_id\":\"s_1_2\",\"message_type\":1.5,\"content\":\"hi\",\"client_msg_id\":\"c\"}"), ErrorCode.INVALID_PARAMETER, "c"),
                Arguments.of("system message_type", send(
                        "{\"conversation_id\":\"s_1_2\",\"message_type\":4,\"content\":\"hi\",\"client_msg_id\":\"c\"}"), ErrorCode.INVALID_MESSAGE, "c"),
                Arguments.of("unknown message_type", send(
                        "{\"conversation_id\":\"s_1_2\",\"message_type\":99999999999,\"content\":\"hi\",\"client_msg_id\":\"c\"}"), ErrorCode.INVALID_MESSAGE, "c"),
                Arguments.of("missing content", send(
                        "{\"conversation_id\":\"s_1_2\",\"message_type\":1,\"client_msg_id\":\"c\"}"), ErrorCode.INVALID_PARAMETER, "c"),
                Arguments.of("content not string", send(
                        "{\"conversation_id\":\"s_1_2\",\"message_type\":1,\"content\":[1],\"client_msg_id\":\"c\"}"), ErrorCode.INVALID_PARAMETER, "c"),
                Arguments.of("blank content", send(
                        "{\"conversation_id\":\"s_1_2\",\"message_type\":1,\"content\":\"  \",\"client_msg_id\":\"c\"}"), ErrorCode.INVALID_MESSAGE, "c"),
                Arguments.of("content too long", send(
                        "{\"conversation_id\":\"s_1_2\",\"message_type\":1,\"content\":\"" + "x".repeat(Limits.MAX_CONTENT_CODE_POINTS + 1)
                                + "\",\"client_msg_id\":\"c\"}"), ErrorCode.INVALID_MESSAGE, "c"),
                Arguments.of("read without seq", "{\"type\":\"read\",\"data\":{\"conversation_id\":\"g_1\"}}", ErrorCode.INVALID_PARAMETER, null),
                Arguments.of("read negative seq", "{\"type\":\"read\",\"data\":{\"conversation_id\":\"g_1\",\"seq\":-1}}", ErrorCode.INVALID_PARAMETER, null),
                Arguments.of("read string seq", "{\"type\":\"read\",\"data\":{\"conversation_id\":\"g_1\",\"seq\":\"3\"}}", ErrorCode.INVALID_PARAMETER, null),
                Arguments.of("reply_to zero", send(
                        "{\"conversation_id\":\"s_1_2\",\"message_type\":1,\"content\":\"a\",\"client_msg_id\":\"c\",\"reply_to\":0}"), ErrorCode.INVALID_PARAMETER, "c"),
                Arguments.of("reply_to negative", send(
                        "{\"conversation_id\":\"s_1_2\",\"message_type\":1,\"content\":\"a\",\"client_msg_id\":\"c\",\"reply_to\":-5}"), ErrorCode.INVALID_PARAMETER, "c"),
                Arguments.of("reply_to a word", send(
                        "{\"conversation_id\":\"s_1_2\",\"message_type\":1,\"content\":\"a\",\"client_msg_id\":\"c\",\"reply_to\":\"abc\"}"), ErrorCode.INVALID_PARAMETER, "c"),
                Arguments.of("reply_to above 2^63", send(
                        "{\"conversation_id\":\"s_1_2\",\"message_type\":1,\"content\":\"a\",\"client_msg_id\":\"c\",\"reply_to\":\"9223372036854775808\"}"), ErrorCode.INVALID_PARAMETER, "c"),
                Arguments.of("reply_to an object", send(
                        "{\"conversation_id\":\"s_1_2\",\"message_type\":1,\"content\":\"a\",\"client_msg_id\":\"c\",\"reply_to\":{}}"), ErrorCode.INVALID_PARAMETER, "c"),
                Arguments.of("typing without data", "{\"type\":\"typing\"}", ErrorCode.INVALID_PARAMETER, null),
                Arguments.of("typing without conversation", "{\"type\":\"typing\",\"data\":{}}", ErrorCode.INVALID_PARAMETER, null),
                Arguments.of("typing bad conversation", "{\"type\":\"typing\",\"data\":{\"conversation_id\":\"../x\"}}", ErrorCode.INVALID_PARAMETER, null)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFrames")
    void rejectsBadFramesWithTheirCode(String name, String text, ErrorCode expected, String clientMsgId) {
        FrameRejectedException e = assertThrows(FrameRejectedException.class, () -> parser.parse(text));
        assertEquals(expected, e.errorCode());
        assertEquals(clientMsgId, e.clientMsgId());
    }
}
