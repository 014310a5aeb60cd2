package com.acme.im.repo.message;

/**
 * 一条待保存的消息（未校验的原始入参）。
 *
 * @param conversationId 会话 ID
 * @param senderId       发送者
 * @param type           内容类型编号，未知类型传 -1
 * @param content        内容
 * @param clientMsgId    客户端幂等 ID
 * @param source         上行来源
 * @param replyTo        引用（回复）的消息 ID，必须属于同一会话；0 表示不是回复
 * @param mentions       @ 列表（只允许群聊）
 */
public record SaveCommand(String conversationId, long senderId, int type, String content, String clientMsgId,
                          MessageSource source, long replyTo, Mentions mentions) {

    /** 没有 @ 的消息。 */
    public SaveCommand(String conversationId, long senderId, int type, String content, String clientMsgId,
                       MessageSource source, long replyTo) {
        this(conversationId, senderId, type, content, clientMsgId, source, replyTo, Mentions.NONE);
    }

    /** 不是回复的消息。 */
    public SaveCommand(String conversationId, long senderId, int type, String content, String clientMsgId,
                       MessageSource source) {
        this(conversationId, senderId, type, content, clientMsgId, source, 0);
    }
}
