package com.acme.im.bench.chaos;

/**
 * 收尾时从历史接口（GET /api/v1/conversations/{id}/messages）读到的一条已存消息。
 *
 * @param conversationId 会话
 * @param messageId      服务端消息 ID
 * @param seq            会话内序号
 * @param clientMsgId    客户端幂等 ID（服务端消息可能没有，为空串）
 */
public record StoredMessage(String conversationId, String messageId, long seq, String clientMsgId) {
}
