package com.acme.im.repo.conversation;

import com.acme.im.repo.message.MessageRecord;

/**
 * 某用户视角的会话：会话行、该用户的已读位置与最后一条消息（可能没有）。
 */
public record UserConversationRow(ConversationRow conversation, long readSeq, long joinedAt, MessageRecord lastMessage) {

    /** 未读数 = 会话最大 seq - 已读 seq，下限为 0。 */
    public long unreadCount() {
        return Math.max(0, conversation.maxSeq() - readSeq);
    }
}
