package com.acme.im.runtime.conversation;

import com.acme.im.proto.common.v1.ConversationType;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;

/**
 * 会话 ID 的唯一定义（logic 与 repo 共用）：单聊 s_{小ID}_{大ID}（确定性，两人只有一个会话）、
 * 群聊 g_{群ID}、世界聊天室 world。只接受规范形式（十进制正数、无前导零、小 ID 在前），
 * 格式不对一律 1001，保证任何 ID 进入 SQL 之前都只有一种写法。
 *
 * @param value     规范形式的 ID
 * @param kind      类型
 * @param groupId   群 ID（群会话），否则为 0
 * @param smallUser 单聊中较小的用户 ID，否则为 0
 * @param largeUser 单聊中较大的用户 ID，否则为 0
 */
public record ConversationId(String value, ConversationKind kind, long groupId, long smallUser, long largeUser) {

    /** 世界聊天室的固定 ID。 */
    public static final String WORLD = "world";
    /** ID 的最大长度。 */
    public static final int MAX_LENGTH = 64;
    /** 会话 ID 在请求里允许的字符与长度（路由参数与帧字段的语法检查；是否为规范形式由 {@link #parse} 判定）。 */
    public static final String SYNTAX = "[A-Za-z0-9_-]{1," + MAX_LENGTH + "}";

    /** 解析客户端或其他服务给出的会话 ID；格式不对返回 1001。 */
    public static ConversationId parse(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            throw invalid(id);
        }
        if (WORLD.equals(id)) {
            return world();
        }
        if (id.startsWith("g_")) {
            return new ConversationId(id, ConversationKind.GROUP, canonicalPositive(id.substring(2), id), 0, 0);
        }
        if (id.startsWith("s_")) {
            String rest = id.substring(2);
            int sep = rest.indexOf('_');
            if (sep < 0) {
                throw invalid(id);
            }
            long a = canonicalPositive(rest.substring(0, sep), id);
            long b = canonicalPositive(rest.substring(sep + 1), id);
            if (a >= b) {
                // 规范形式要求小 ID 在前；a == b（与自己聊天）不允许
                throw invalid(id);
            }
            return new ConversationId(id, ConversationKind.SINGLE, 0, a, b);
        }
        throw invalid(id);
    }

    /** 两个不同用户之间的单聊。 */
    public static ConversationId single(long userA, long userB) {
        if (userA <= 0 || userB <= 0 || userA == userB) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "a single conversation needs two different users");
        }
        long small = Math.min(userA, userB);
        long large = Math.max(userA, userB);
        return new ConversationId("s_" + small + "_" + large, ConversationKind.SINGLE, 0, small, large);
    }

    /** 群会话。 */
    public static ConversationId group(long groupId) {
        if (groupId <= 0) {
            throw invalid("g_" + groupId);
        }
        return new ConversationId("g_" + groupId, ConversationKind.GROUP, groupId, 0, 0);
    }

    /** 世界聊天室。 */
    public static ConversationId world() {
        return new ConversationId(WORLD, ConversationKind.WORLD, 0, 0, 0);
    }

    /** proto 中的会话类型。 */
    public ConversationType type() {
        return ConversationType.forNumber(kind.code());
    }

    public boolean isSingle() {
        return kind == ConversationKind.SINGLE;
    }

    public boolean isGroup() {
        return kind == ConversationKind.GROUP;
    }

    public boolean isWorld() {
        return kind == ConversationKind.WORLD;
    }

    /** 单聊中该用户是否为两方之一。 */
    public boolean isParticipant(long userId) {
        return isSingle() && (userId == smallUser || userId == largeUser);
    }

    /** 单聊中的另一方；不是参与者时返回 1003。 */
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

    private static long canonicalPositive(String s, String raw) {
        // 只接受不带前导零和符号的十进制正数，避免同一会话出现多种写法
        if (s.isEmpty() || s.length() > 19 || s.charAt(0) == '0') {
            throw invalid(raw);
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw invalid(raw);
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw invalid(raw);
        }
    }

    private static ImException invalid(String raw) {
        String shown = raw == null ? "null" : raw.length() <= MAX_LENGTH ? raw : raw.substring(0, MAX_LENGTH) + "...";
        return new ImException(ErrorCode.INVALID_PARAMETER, "invalid conversation_id: " + shown);
    }
}
