package com.acme.im.repo.conversation;

/**
 * （用户，会话）对，作为批量更新已读位置的键。
 */
public record UserConversationKey(long userId, String conversationId) {
}
