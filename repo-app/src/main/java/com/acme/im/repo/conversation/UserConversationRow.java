package com.acme.im.repo.conversation;

import com.acme.im.repo.message.MessageRecord;

/**
 * 某用户视角的会话：会话行、该用户的已读位置、最后一条消息（可能没有），
 * 以及他的置顶、免打扰与最近一次被 @ 的 seq。
 */
public record UserConversationRow(ConversationRow conversation, long readSeq, long joinedAt, MessageRecord lastMessage,
                                  boolean pinned, boolean muted, long mentionSeq) {

    /** 没有个人设置的行。 */
    public UserConversationRow(ConversationRow conversation, long readSeq, long joinedAt, MessageRecord lastMessage) {
        this(conversation, readSeq, joinedAt, lastMessage, false, false, 0);
    }

    /** 未读数 = 会话最大 seq - 已读 seq，下限为 0。 */
    public long unreadCount() {
        return Math.max(0, conversation.maxSeq() - readSeq);
    }

    /** 有人 @ 了该用户且他还没读到那条消息。 */
    public boolean mentioned() {
        return mentionSeq > readSeq;
    }
}
