package com.acme.im.gateway.ws;

import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.gateway.GatewayConfiguration;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.limits.Limits;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * 解析并校验客户端帧。校验全部在网关完成，非法输入不会进入 Kafka；
 * 每种错误对应一个错误码（见 docs/websocket-protocol.md），而不是笼统的失败。
 */
@Singleton
public class FrameParser {

    /** 客户端可发送的帧类型。 */
    public static final String SEND_MESSAGE = "send-message";
    public static final String PING = "ping";
    public static final String READ = "read";
    public static final String TYPING = "typing";

    private static final Pattern CONVERSATION_ID = Pattern.compile(ConversationId.SYNTAX);
    private static final Pattern TOKEN_ID = Pattern.compile("[\\x21-\\x7E]{1,64}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

    private final JsonMapper jsonMapper;
    private final int maxFrameBytes;

    public FrameParser(JsonMapper jsonMapper, GatewayConfiguration configuration) {
        this.jsonMapper = jsonMapper;
        this.maxFrameBytes = configuration.getMaxFrameBytes();
    }

    /**
     * 解析一帧。
     *
     * @throws FrameRejectedException 帧不合法
     */
    public ClientFrame parse(String text) {
        // 先按字符数粗判（UTF-8 每字符至多 3 字节），大多数帧免去编码开销
        if (text.length() > maxFrameBytes / 3 && text.getBytes(StandardCharsets.UTF_8).length > maxFrameBytes) {
            throw reject(ErrorCode.PAYLOAD_TOO_LARGE, "frame exceeds " + maxFrameBytes + " bytes", null, null);
        }
        JsonNode root;
        try {
            root = jsonMapper.readValue(text, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw reject(ErrorCode.INVALID_PARAMETER, "malformed JSON", null, null);
        }
        if (root == null || !root.isObject()) {
            throw reject(ErrorCode.INVALID_PARAMETER, "frame must be a JSON object", null, null);
        }
        String messageId = optionalId(root, "message_id", null);
        JsonNode type = root.get("type");
        if (type == null || !type.isString()) {
            throw reject(ErrorCode.INVALID_PARAMETER, "missing or non-string field 'type'", messageId, null);
        }
        JsonNode data = root.get("data");
        return switch (type.getStringValue()) {
            case SEND_MESSAGE -> sendMessage(messageId, data);
            case PING -> new ClientFrame.Ping(messageId);
            case READ -> read(messageId, data);
            case TYPING -> typing(messageId, data);
            default -> throw reject(ErrorCode.INVALID_PARAMETER, "unknown frame type '" + abbreviate(type.getStringValue()) + "'",
                    messageId, null);
        };
    }

    private ClientFrame.SendMessage sendMessage(@Nullable String messageId, @Nullable JsonNode data) {
        if (data == null || !data.isObject()) {
            throw reject(ErrorCode.INVALID_PARAMETER, "missing or non-object field 'data'", messageId, null);
        }
        // 先取 client_msg_id，后续任何错误都能带上它
        JsonNode clientMsgNode = data.get("client_msg_id");
        String clientMsgId = clientMsgNode != null && clientMsgNode.isString() && Limits.isClientMsgId(clientMsgNode.getStringValue())
                ? clientMsgNode.getStringValue() : null;
        if (clientMsgId == null) {
            throw reject(ErrorCode.INVALID_PARAMETER,
                    "'client_msg_id' must be a string of 1-64 printable ASCII characters", messageId, null);
        }
        String conversationId = requiredString(data, "conversation_id", messageId, clientMsgId);
        if (!CONVERSATION_ID.matcher(conversationId).matches()) {
            throw reject(ErrorCode.INVALID_PARAMETER, "invalid 'conversation_id'", messageId, clientMsgId);
        }
        JsonNode typeNode = data.get("message_type");
        if (typeNode == null || !isInteger(typeNode)) {
            throw reject(ErrorCode.INVALID_PARAMETER, "missing or non-integer field 'message_type'", messageId, clientMsgId);
        }
        MessageType messageType = clientMessageType(typeNode);
        if (messageType == null) {
            throw reject(ErrorCode.INVALID_MESSAGE, "'message_type' must be 1 (text), 2 (image) or 3 (file)", messageId, clientMsgId);
        }
        String content = requiredString(data, "content", messageId, clientMsgId);
        if (content.isBlank()) {
            throw reject(ErrorCode.INVALID_MESSAGE, "'content' must not be empty", messageId, clientMsgId);
        }
        if (!Limits.isContentWithinLimit(content)) {
            throw reject(ErrorCode.INVALID_MESSAGE, "'content' exceeds " + Limits.MAX_CONTENT_CODE_POINTS + " characters",
                    messageId, clientMsgId);
        }
        long replyTo = replyTo(data, messageId, clientMsgId);
        JsonNode mentionsNode = data.get("mentions");
        if (mentionsNode == null || mentionsNode.isNull()) {
            return new ClientFrame.SendMessage(messageId, conversationId, messageType, content, clientMsgId, replyTo);
        }
        Set<Long> mentioned = new LinkedHashSet<>();
        boolean mentionAll = mentions(mentionsNode, mentioned, messageId, clientMsgId);
        if ((mentionAll || !mentioned.isEmpty()) && !isGroup(conversationId)) {
            throw reject(ErrorCode.INVALID_MENTIONS, "'mentions' are only allowed in group conversations", messageId, clientMsgId);
        }
        return new ClientFrame.SendMessage(messageId, conversationId, messageType, content, clientMsgId, replyTo,
                List.copyOf(mentioned), mentionAll);
    }

    /** 会话 ID 是否为群聊；解析不了的 ID 交给 logic 按 1001 拒绝，这里不抢先报 3010。 */
    private static boolean isGroup(String conversationId) {
        try {
            return ConversationId.parse(conversationId).isGroup();
        } catch (RuntimeException e) {
            return true;
        }
    }

    /**
     * 可选的 mentions：数组，每项是被 @ 的用户 ID（正整数或十进制数字串）或 "all"（@所有人）；
     * 重复项合并，合并后（all 计一个）最多 {@link Limits#MAX_MENTIONS} 项；格式不对一律 3010。
     * 是否为群成员（3011）与能否 @所有人（3012）在 logic/repo 判定，结果在 message-ack 里。
     *
     * @return 是否 @所有人
     */
    private static boolean mentions(JsonNode node, Set<Long> out, @Nullable String messageId, String clientMsgId) {
        if (!node.isArray()) {
            throw reject(ErrorCode.INVALID_MENTIONS, "'mentions' must be an array of user ids and/or \"all\"", messageId, clientMsgId);
        }
        if (node.size() > Limits.MAX_MENTIONS * 4) {
            // 先按原始长度挡住超大数组，免得为明显超限的输入逐项解析
            throw reject(ErrorCode.INVALID_MENTIONS, "at most " + Limits.MAX_MENTIONS + " mentions per message", messageId, clientMsgId);
        }
        boolean all = false;
        for (int i = 0; i < node.size(); i++) {
            JsonNode v = node.get(i);
            if (v.isString() && Limits.MENTION_ALL.equals(v.getStringValue())) {
                all = true;
                continue;
            }
            long id = positiveId(v);
            if (id <= 0) {
                throw reject(ErrorCode.INVALID_MENTIONS, "each mention must be a user id or \"all\"", messageId, clientMsgId);
            }
            out.add(id);
        }
        if (out.size() + (all ? 1 : 0) > Limits.MAX_MENTIONS) {
            throw reject(ErrorCode.INVALID_MENTIONS, "at most " + Limits.MAX_MENTIONS + " mentions per message", messageId, clientMsgId);
        }
        return all;
    }

    /**
     * 可选的 reply_to：被引用消息的 ID，正整数或十进制数字串（64 位 ID 在 JSON 里常写成字符串）；
     * 缺省或 null 表示不是回复。是否属于同一会话由 repo 在保存时检查（3006，在 message-ack 里）。
     */
    private static long replyTo(JsonNode data, @Nullable String messageId, String clientMsgId) {
        JsonNode v = data.get("reply_to");
        if (v == null || v.isNull()) {
            return 0;
        }
        long id = positiveId(v);
        if (id <= 0) {
            throw reject(ErrorCode.INVALID_PARAMETER, "'reply_to' must be a message id (positive integer or digit string)",
                    messageId, clientMsgId);
        }
        return id;
    }

    /** 64 位正整数 ID：JSON 整数或十进制数字串（64 位 ID 在 JSON 里常写成字符串）；不是时返回 0。 */
    private static long positiveId(JsonNode v) {
        BigInteger value = null;
        if (isInteger(v)) {
            value = v.getBigIntegerValue();
        } else if (v.isString() && DIGITS.matcher(v.getStringValue()).matches()) {
            value = new BigInteger(v.getStringValue());
        }
        return value == null || value.signum() <= 0 || value.bitLength() > 63 ? 0 : value.longValue();
    }

    private ClientFrame.Typing typing(@Nullable String messageId, @Nullable JsonNode data) {
        if (data == null || !data.isObject()) {
            throw reject(ErrorCode.INVALID_PARAMETER, "missing or non-object field 'data'", messageId, null);
        }
        String conversationId = requiredString(data, "conversation_id", messageId, null);
        if (!CONVERSATION_ID.matcher(conversationId).matches()) {
            throw reject(ErrorCode.INVALID_PARAMETER, "invalid 'conversation_id'", messageId, null);
        }
        return new ClientFrame.Typing(messageId, conversationId);
    }

    private ClientFrame.Read read(@Nullable String messageId, @Nullable JsonNode data) {
        if (data == null || !data.isObject()) {
            throw reject(ErrorCode.INVALID_PARAMETER, "missing or non-object field 'data'", messageId, null);
        }
        String conversationId = requiredString(data, "conversation_id", messageId, null);
        if (!CONVERSATION_ID.matcher(conversationId).matches()) {
            throw reject(ErrorCode.INVALID_PARAMETER, "invalid 'conversation_id'", messageId, null);
        }
        JsonNode seq = data.get("seq");
        if (seq == null || !isInteger(seq) || seq.getBigIntegerValue().signum() < 0
                || seq.getBigIntegerValue().bitLength() > 63) {
            throw reject(ErrorCode.INVALID_PARAMETER, "missing or invalid field 'seq' (non-negative integer)", messageId, null);
        }
        return new ClientFrame.Read(messageId, conversationId, seq.getLongValue());
    }

    /** 帧 ID 可以是字符串或整数，统一成字符串回显。 */
    @Nullable
    private static String optionalId(JsonNode node, String field, @Nullable String messageId) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isString() && TOKEN_ID.matcher(v.getStringValue()).matches()) {
            return v.getStringValue();
        }
        if (isInteger(v)) {
            return v.getBigIntegerValue().toString();
        }
        throw reject(ErrorCode.INVALID_PARAMETER, "'" + field + "' must be a short string or an integer", messageId, null);
    }

    private static String requiredString(JsonNode data, String field, @Nullable String messageId, @Nullable String clientMsgId) {
        JsonNode v = data.get(field);
        if (v == null || !v.isString()) {
            throw reject(ErrorCode.INVALID_PARAMETER, "missing or non-string field '" + field + "'", messageId, clientMsgId);
        }
        return v.getStringValue();
    }

    private static boolean isInteger(JsonNode v) {
        if (!v.isNumber()) {
            return false;
        }
        Number n = v.getNumberValue();
        if (n instanceof Integer || n instanceof Long || n instanceof BigInteger || n instanceof Short || n instanceof Byte) {
            return true;
        }
        // 1.0 这类写法不算整数：协议要求整数
        return n instanceof BigDecimal bd && bd.scale() <= 0;
    }

    @Nullable
    private static MessageType clientMessageType(JsonNode v) {
        BigInteger value = v.getBigIntegerValue();
        if (value.bitLength() > 31) {
            return null;
        }
        return switch (value.intValue()) {
            case 1 -> MessageType.MESSAGE_TYPE_TEXT;
            case 2 -> MessageType.MESSAGE_TYPE_IMAGE;
            case 3 -> MessageType.MESSAGE_TYPE_FILE;
            // 4（系统消息）只允许服务端产生
            default -> null;
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 32 ? s.substring(0, 32) + "..." : s;
    }

    private static FrameRejectedException reject(ErrorCode code, String message, @Nullable String messageId, @Nullable String clientMsgId) {
        return new FrameRejectedException(code, message, messageId, clientMsgId);
    }
}
