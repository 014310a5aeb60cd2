package com.acme.im.repo.conversation;

import com.acme.im.runtime.conversation.ConversationKind;

/**
 * conversations 表的一行：max_seq 是该会话已分配的最大序列号。
 */
public record ConversationRow(String id, ConversationKind kind, long groupId, long maxSeq, long lastMessageId,
                              int memberCount, long updatedAt) {
}
