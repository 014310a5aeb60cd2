package com.acme.im.repo.audit;

import java.util.List;

/**
 * 一次敏感词命中记录（按消息 ID 唯一）。
 */
public record AuditHitRecord(long messageId, String conversationId, long senderId, List<String> words, String action,
                             long createdAt) {
}
