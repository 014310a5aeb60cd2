package com.acme.im.bench.chaos;

/**
 * 报告表格的一行：一个段（平稳期或一个故障）或合计。投递数以“消息 × 目标设备”计。
 *
 * @param name             段名（合计行为 total）
 * @param fault            是否故障段
 * @param actionMs         故障动作用时（重启到健康等），非故障段为 0
 * @param recoveryMs       从注入故障到故障后创建的第一条消息“已确认且全部实时送达”的时间；-1 为没恢复或不适用
 * @param sent             发出的消息（不同的 client_msg_id）
 * @param acked            收到成功 message-ack 的消息
 * @param stored           在历史里找到的消息
 * @param storedTwice      同一 client_msg_id 存成了两个以上 message_id 的消息
 * @param expected         应有的投递数
 * @param live             实时送达的投递
 * @param bySync           只靠补拉送达的投递（含收尾补拉）
 * @param byFinalSync      其中直到收尾补拉才送达的（连接一直在，实时投递丢了）
 * @param missing          始终没送达的投递
 * @param lost             丢失的消息：没存下，或有目标设备始终没收到
 * @param duplicateLive    同一 message_id 对同一设备的重复实时投递次数
 * @param duplicateMessages 有过重复实时投递的消息数
 * @param seqErrors        seq 空洞与重复使用的 seq（按空洞后第一条已存消息所在的段归属）
 * @param ackConflicts     两次确认给出不同 message_id 的消息
 */
public record VerdictRow(String name, boolean fault, long actionMs, long recoveryMs, long sent, long acked, long stored,
                         long storedTwice, long expected, long live, long bySync, long byFinalSync, long missing,
                         long lost, long duplicateLive, long duplicateMessages, long seqErrors, long ackConflicts) {

    /** 未确认的消息（客户端一直在重发）。 */
    public long unacked() {
        return sent - acked;
    }

    /** 有重复实时投递的消息占发出消息的百分比。 */
    public double duplicatePercent() {
        return sent == 0 ? 0 : 100.0 * duplicateMessages / sent;
    }

    /** 丢失、重复存储、seq 出错、未确认、故障后没恢复，任何一项都算失败。 */
    public boolean failed() {
        return lost > 0 || storedTwice > 0 || seqErrors > 0 || unacked() > 0 || ackConflicts > 0
                || (fault && recoveryMs < 0);
    }
}
