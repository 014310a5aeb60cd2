package com.acme.im.bench.report;

/**
 * 完整性核对的结果：每条发出的消息应当恰好到达每个目标设备一次。
 *
 * @param messages   发出的消息数（含预热期）
 * @param expected   应有的投递数（消息 × 目标设备）
 * @param delivered  实际到达的不同投递数
 * @param missing    未到达的投递数
 * @param duplicates 同一设备重复收到的次数
 * @param unexpected 发给了不该收到的设备的次数
 */
public record Completeness(long messages, long expected, long delivered, long missing, long duplicates, long unexpected) {

    /** 不适用（例如纯 REST 负载）。 */
    public static final Completeness NONE = new Completeness(0, 0, 0, 0, 0, 0);

    /** 恰好一次：无缺失、无重复、无误投。 */
    public boolean exact() {
        return missing == 0 && duplicates == 0 && unexpected == 0;
    }

    public String format() {
        if (expected == 0 && messages == 0) {
            return "n/a";
        }
        return (exact() ? "OK" : "BROKEN") + " (" + delivered + "/" + expected + " deliveries, missing " + missing
                + ", duplicates " + duplicates + ", unexpected " + unexpected + ")";
    }
}
