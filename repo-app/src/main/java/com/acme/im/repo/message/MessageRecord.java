package com.acme.im.repo.message;

/**
 * 已持久化的消息；seq 就是库里这一行的 seq（保存时在同一事务内分配）。
 */
public record MessageRecord(long id, String conversationId, long seq, long senderId, int type, String content,
                            String clientMsgId, long createdAt) {
}
