package com.acme.im.bench.chaos;

import java.util.List;

/**
 * 客户端发出的一条消息（以 client_msg_id 计，重发不算新消息）在运行结束时的账。
 *
 * @param clientMsgId    client_msg_id
 * @param conversationId 会话
 * @param phase          创建时所在段的下标
 * @param createdMs      创建（用户按下发送）的时刻
 * @param ackMs          第一次收到成功 message-ack 的时刻，-1 表示从未确认
 * @param ackMessageId   第一次确认给出的 message_id
 * @param ackConflict    是否有两次确认给出了不同的 message_id（同一 client_msg_id 被存了两次的直接证据）
 * @param receipts       每个目标设备的到达情况
 */
public record SentMessage(String clientMsgId, String conversationId, int phase, long createdMs, long ackMs,
                          String ackMessageId, boolean ackConflict, List<Receipt> receipts) {

    /** 已确认且每个目标设备都实时收到的时刻（两者较晚者），否则 -1。恢复时间由它算出。 */
    public long completionMs() {
        if (ackMs < 0) {
            return -1;
        }
        long done = ackMs;
        for (Receipt r : receipts) {
            if (r.liveMs() < 0) {
                return -1;
            }
            done = Math.max(done, r.liveMs());
        }
        return done;
    }
}
