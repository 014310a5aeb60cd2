package com.acme.im.runtime.conversation;

/**
 * 会话类型；code 与 proto 的 ConversationType 数值一致，也是 conversations.type 列的取值。
 */
public enum ConversationKind {
    SINGLE(1),
    GROUP(2),
    WORLD(3);

    private final int code;

    ConversationKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ConversationKind of(int code) {
        for (ConversationKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown conversation type " + code);
    }
}
