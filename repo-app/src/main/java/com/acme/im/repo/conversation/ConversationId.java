package com.acme.im.repo.conversation;

import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;

/**
 * 解析后的会话 ID：单聊 s_{小ID}_{大ID}（确定性，两人只有一个会话）、群聊 g_{群ID}、世界聊天室 world。
 * 格式不对一律 1001，保证任何 ID 进入 SQL 之前都是规范形式。
 */
public record ConversationId(String value, ConversationKind kind, long userA, long userB, long groupId) {

    public static final String WORLD = "world";
    private static final int MAX_LENGTH = 64;

    public static ConversationId parse(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_LENGTH) {
            throw invalid(raw);
        }
        if (WORLD.equals(raw)) {
            return new ConversationId(raw, ConversationKind.WORLD, 0, 0, 0);
        }
        if (raw.startsWith("g_")) {
            long g = number(raw.substring(2), raw);
            return new ConversationId(raw, ConversationKind.GROUP, 0, 0, g);
        }
        if (raw.startsWith("s_")) {
            String[] parts = raw.substring(2).split("_", -1);
            if (parts.length != 2) {
                throw invalid(raw);
            }
            long a = number(parts[0], raw);
            long b = number(parts[1], raw);
            if (a >= b) {
                // 规范形式要求小 ID 在前；a == b（与自己聊天）不允许
                throw invalid(raw);
            }
            return new ConversationId(raw, ConversationKind.SINGLE, a, b, 0);
        }
        throw invalid(raw);
    }

    public static ConversationId single(long user1, long user2) {
        return parse("s_" + Math.min(user1, user2) + "_" + Math.max(user1, user2));
    }

    public static ConversationId group(long groupId) {
        return parse("g_" + groupId);
    }

    /** 单聊中的对方；user 不是参与者时返回 0。 */
    public long peerOf(long user) {
        if (user == userA) {
            return userB;
        }
        return user == userB ? userA : 0;
    }

    public boolean isParticipant(long user) {
        return kind == ConversationKind.SINGLE && (user == userA || user == userB);
    }

    private static long number(String s, String raw) {
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
        return new ImException(ErrorCode.INVALID_PARAMETER, "invalid conversation_id: " + abbreviate(raw));
    }

    private static String abbreviate(String raw) {
        if (raw == null) {
            return "null";
        }
        return raw.length() <= MAX_LENGTH ? raw : raw.substring(0, MAX_LENGTH) + "...";
    }
}
