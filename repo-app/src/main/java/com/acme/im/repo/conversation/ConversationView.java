package com.acme.im.repo.conversation;

/**
 * 会话列表中的一项：用户视角的会话加上显示名称、头像与单聊对方。
 */
public record ConversationView(UserConversationRow row, String name, String avatarUrl, long peerUserId) {
}
