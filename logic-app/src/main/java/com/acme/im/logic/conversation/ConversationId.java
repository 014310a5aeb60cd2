package com.acme.im.logic.conversation;

import com.acme.im.proto.common.v1.ConversationType;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;

/**
 * 会话 ID 的解析与构造：单聊 s_{小ID}_{大ID}，群聊 g_{群ID}，世界聊天室 world。
 * 只接受规范写法（无前导零、无符号），同一会话因此只有一个 ID，分区键与缓存键都不会分裂。
 *
 * @param value     规范字符串
 * @param type      会话类型
 * @param groupId   群 ID（仅群聊）
 * @param smallUser 单聊中较小的用户 ID
 * @param largeUser 单聊中较大的用户 ID
 */
public record ConversationId(String value, ConversationType type, long groupId, long smallUser, long largeUser) {

    /** 世界聊天室的固定 ID。 */
    public static final String WORLD = "world";

    /** 解析客户端给出的会话 ID；格式不对返回 1001。 */
    public static ConversationId parse(String id) {
        if (id == null || id.isEmpty() || id.length() > 64) {
            throw invalid();
        }
        if (WORLD.equals(id)) {
            return world();
        }
        if (id.startsWith("g_")) {
            return group(canonicalPositive(id.substring(2)));
        }
        if (id.startsWith("s_")) {
            String rest = id.substring(2);
            int sep = rest.indexOf('_');
            if (sep < 0) {
                throw invalid();
            }
            long a = canonicalPositive(rest.substring(0, sep));
            long b = canonicalPositive(rest.substring(sep + 1));
            if (a >= b) {
                throw invalid();
            }
            return new ConversationId(id, ConversationType.CONVERSATION_TYPE_SINGLE, 0, a, b);
        }
        throw invalid();
    }

    /** 两个不同用户之间的单聊。 */
    public static ConversationId single(long userA, long userB) {
        if (userA <= 0 || userB <= 0 || userA == userB) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "a single conversation needs two different users");
        }
        long small = Math.min(userA, userB);
        long large = Math.max(userA, userB);
        return new ConversationId("s_" + small + "_" + large, ConversationType.CONVERSATION_TYPE_SINGLE, 0, small, large);
    }

    /** 群会话。 */
    public static ConversationId group(long groupId) {
        if (groupId <= 0) {
            throw invalid();
        }
        return new ConversationId("g_" + groupId, ConversationType.CONVERSATION_TYPE_GROUP, groupId, 0, 0);
    }

    /** 世界聊天室。 */
    public static ConversationId world() {
        return new ConversationId(WORLD, ConversationType.CONVERSATION_TYPE_WORLD, 0, 0, 0);
    }

    public boolean isSingle() {
        return type == ConversationType.CONVERSATION_TYPE_SINGLE;
    }

    public boolean isGroup() {
        return type == ConversationType.CONVERSATION_TYPE_GROUP;
    }

    public boolean isWorld() {
        return type == ConversationType.CONVERSATION_TYPE_WORLD;
    }

    /** 单聊中该用户是否为两方之一。 */
    public boolean isParticipant(long userId) {
        return isSingle() && (userId == smallUser || userId == largeUser);
    }

    /** 单聊中的另一方；调用前须确认是参与者。 */
    public long peerOf(long userId) {
        if (!isParticipant(userId)) {
            throw new ImException(ErrorCode.FORBIDDEN, "not a participant of this conversation");
        }
        return userId == smallUser ? largeUser : smallUser;
    }

    /** 非成员时的错误码：群聊用 4001，其他用 1003。 */
    public ErrorCode notMemberCode() {
        return isGroup() ? ErrorCode.NOT_GROUP_MEMBER : ErrorCode.FORBIDDEN;
    }

    private static long canonicalPositive(String s) {
        if (s.isEmpty() || s.length() > 19 || s.charAt(0) == '0') {
            throw invalid();
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw invalid();
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static ImException invalid() {
        return new ImException(ErrorCode.INVALID_PARAMETER, "invalid conversation id");
    }
}
