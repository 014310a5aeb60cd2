package com.acme.im.repo.conversation;

import com.acme.im.runtime.conversation.ConversationKind;

/**
 * 成员关系检查结果：能否读写、会话类型与成员数（单聊为 2）；群会话另带调用者角色、是否已解散、
 * 调用者是否被禁言，发消息的检查因此一次拿全，不必每条消息再查一次群状态。
 */
public record Membership(boolean member, ConversationKind kind, int memberCount, int groupRole, boolean dissolved,
                         boolean muted) {

    /** 非群会话：没有角色、解散与禁言。 */
    public static Membership of(boolean member, ConversationKind kind, int memberCount) {
        return new Membership(member, kind, memberCount, 0, false, false);
    }
}
