package com.acme.im.logic.conversation;

import com.acme.im.runtime.conversation.ConversationId;

/**
 * 成员检查结果。
 *
 * @param conversation 会话
 * @param memberCount  成员数（单聊为 2），决定实时投递还是扩散任务
 * @param groupRole    群会话中调用者的角色（GroupRole 的数值；非群会话为 0），@所有人 据此判定
 */
public record Membership(ConversationId conversation, int memberCount, int groupRole) {

    /** 非群会话，或不关心角色的调用方。 */
    public Membership(ConversationId conversation, int memberCount) {
        this(conversation, memberCount, 0);
    }
}
