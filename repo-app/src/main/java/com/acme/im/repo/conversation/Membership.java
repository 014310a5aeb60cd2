package com.acme.im.repo.conversation;

import com.acme.im.runtime.conversation.ConversationKind;

/**
 * 成员关系检查结果：能否读写、会话类型与成员数（单聊为 2）。
 */
public record Membership(boolean member, ConversationKind kind, int memberCount) {
}
