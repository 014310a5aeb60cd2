package com.acme.im.repo.message;

/**
 * 已持久化的消息；seq 就是库里这一行的 seq（保存时在同一事务内分配）。
 * replyTo 为被引用消息的 ID（0 表示不是回复）；editedAt、recalledAt 为 0 表示未编辑、未撤回；
 * 撤回后 content 为空串（墓碑），原文只在 message_revisions 里。mentions 为这条消息的 @ 列表。
 */
public record MessageRecord(long id, String conversationId, long seq, long senderId, int type, String content,
                            String clientMsgId, long createdAt, long replyTo, long editedAt, long recalledAt,
                            long recalledBy, Mentions mentions) {

    /** 没有 @ 的消息（撤回、编辑等不涉及 @ 的调用方沿用）。 */
    public MessageRecord(long id, String conversationId, long seq, long senderId, int type, String content,
                         String clientMsgId, long createdAt, long replyTo, long editedAt, long recalledAt,
                         long recalledBy) {
        this(id, conversationId, seq, senderId, type, content, clientMsgId, createdAt, replyTo, editedAt, recalledAt,
                recalledBy, Mentions.NONE);
    }

    /** 复制一份、换上 @ 列表。 */
    public MessageRecord withMentions(Mentions value) {
        return new MessageRecord(id, conversationId, seq, senderId, type, content, clientMsgId, createdAt, replyTo,
                editedAt, recalledAt, recalledBy, value);
    }

    /** 新保存、未回复他人的消息。 */
    public MessageRecord(long id, String conversationId, long seq, long senderId, int type, String content,
                         String clientMsgId, long createdAt) {
        this(id, conversationId, seq, senderId, type, content, clientMsgId, createdAt, 0, 0, 0, 0);
    }

    /** 是否已撤回。 */
    public boolean recalled() {
        return recalledAt > 0;
    }
}
