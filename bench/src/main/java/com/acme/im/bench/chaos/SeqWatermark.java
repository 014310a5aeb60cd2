package com.acme.im.bench.chaos;

import java.util.TreeSet;

/**
 * 一个会话里“连续拥有到哪个 seq”。补拉用它作 after_seq 而不是见过的最大 seq：
 * 实时投递若跳过了一条（收到 10 却没收到 9），从最大值补拉会永远错过 9。
 * 不是线程安全的，由所属客户端加锁。
 */
final class SeqWatermark {

    private long contiguous;
    private long highest;
    private final TreeSet<Long> above = new TreeSet<>();

    /** 记下拥有了 seq。 */
    void add(long seq) {
        highest = Math.max(highest, seq);
        if (seq <= contiguous) {
            return;
        }
        above.add(seq);
        while (above.remove(contiguous + 1)) {
            contiguous++;
        }
    }

    /** 1..last 全都有。 */
    long last() {
        return contiguous;
    }

    /** 见过的最大 seq。 */
    long highest() {
        return highest;
    }
}
