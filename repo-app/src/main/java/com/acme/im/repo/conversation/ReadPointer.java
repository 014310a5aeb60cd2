package com.acme.im.repo.conversation;

/**
 * 已读位置更新的结果：生效后的已读 seq、是否前进、更新后的未读数。
 */
public record ReadPointer(long readSeq, boolean advanced, long unreadCount) {
}
