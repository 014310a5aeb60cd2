package com.acme.im.bench.chaos;

/**
 * 一条消息在一个目标设备上的到达情况（时刻为相对运行开始的毫秒，-1 表示没有）。
 *
 * @param receiver       设备编号
 * @param liveMs         第一次经 new-message 实时收到的时刻
 * @param liveDuplicates 同一 message_id 又实时收到的次数（至少一次投递的重复，不算失败）
 * @param syncMs         重连后补拉（GET ...?after_seq=）时第一次拿到的时刻（之前没收到过才记）
 * @param finalSync      是否直到收尾的最后一次补拉才拿到（连接一直在、实时投递却丢了）
 */
public record Receipt(int receiver, long liveMs, int liveDuplicates, long syncMs, boolean finalSync) {

    /** 实时或补拉，总之到了。 */
    public boolean delivered() {
        return liveMs >= 0 || syncMs >= 0;
    }
}
