package com.acme.im.repo.audit;

import java.util.List;

/**
 * 一次敏感词命中记录（按消息 ID 与被审核的版本 editedAt 唯一；未编辑的版本为 0）。
 */
public record AuditHitRecord(long messageId, String conversationId, long senderId, List<String> words, String action,
                             long createdAt, long editedAt) {

    /** 未编辑版本的命中。 */
    public AuditHitRecord(long messageId, String conversationId, long senderId, List<String> words, String action,
                          long createdAt) {
        this(messageId, conversationId, senderId, words, action, createdAt, 0);
    }
}
