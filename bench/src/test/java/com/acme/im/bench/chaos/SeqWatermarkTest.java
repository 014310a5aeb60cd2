package com.acme.im.bench.chaos;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SeqWatermarkTest {

    @Test
    void advancesOnlyOverContiguousSeqs() {
        SeqWatermark w = new SeqWatermark();
        assertEquals(0, w.last());
        w.add(1);
        w.add(2);
        w.add(4);
        w.add(5);
        // 缺 3：补拉要从 2 之后开始，否则 3 永远拿不到
        assertEquals(2, w.last());
        assertEquals(5, w.highest());
        w.add(3);
        assertEquals(5, w.last());
        w.add(2);
        assertEquals(5, w.last());
    }
}
