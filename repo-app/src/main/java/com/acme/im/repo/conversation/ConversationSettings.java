package com.acme.im.repo.conversation;

/**
 * 用户对一个会话的个人设置。
 *
 * @param pinned    是否置顶
 * @param muted     是否免打扰（不发离线推送，被 @ 时除外）
 * @param updatedAt 最后修改时间（毫秒时间戳）
 */
public record ConversationSettings(boolean pinned, boolean muted, long updatedAt) {
}
