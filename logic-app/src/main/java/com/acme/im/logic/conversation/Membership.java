package com.acme.im.logic.conversation;

import com.acme.im.runtime.conversation.ConversationId;

/**
 * 成员检查结果。
 *
 * @param conversation 会话
 * @param memberCount  成员数（单聊为 2），决定实时投递还是扩散任务
 */
public record Membership(ConversationId conversation, int memberCount) {
}
