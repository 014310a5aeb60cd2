package com.acme.im.bench.chat;

import com.acme.im.bench.report.Completeness;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryLedgerTest {

    private static final long MS = 1_000_000L;

    @Test
    void everyMessageToEveryTargetExactlyOnceIsComplete() {
        DeliveryLedger ledger = new DeliveryLedger(0);
        ledger.sent("a", 0, 1, 2);
        ledger.sent("b", 10 * MS, 2);
        assertFalse(ledger.allDelivered());
        ledger.received("a", 2, 5 * MS);
        ledger.received("a", 1, 7 * MS);
        ledger.received("b", 2, 13 * MS);
        assertTrue(ledger.allDelivered());
        assertEquals(new Completeness(2, 3, 3, 0, 0, 0), ledger.completeness());
        assertTrue(ledger.completeness().exact());
        assertEquals(3, ledger.deliveryLatency().count());
        assertEquals(7.0, ledger.deliveryLatency().max(), 0.01);
        // 每条消息到达全部设备的时间：a 为 7 ms，b 为 3 ms
        assertEquals(2, ledger.reachAllLatency().count());
        assertEquals(7.0, ledger.reachAllLatency().max(), 0.01);
    }

    @Test
    void missingDuplicateAndMisdirectedDeliveriesAreCounted() {
        DeliveryLedger ledger = new DeliveryLedger(0);
        ledger.sent("a", 0, 1, 2, 3);
        ledger.received("a", 1, MS);
        ledger.received("a", 1, 2 * MS);
        ledger.received("a", 9, 2 * MS);
        Completeness c = ledger.completeness();
        assertEquals(3, c.expected());
        assertEquals(1, c.delivered());
        assertEquals(2, c.missing());
        assertEquals(1, c.duplicates());
        assertEquals(1, c.unexpected());
        assertFalse(c.exact());
        assertFalse(ledger.allDelivered());
    }

    @Test
    void warmUpMessagesAreCheckedButNotTimed() {
        DeliveryLedger ledger = new DeliveryLedger(100 * MS);
        ledger.sent("warm", 50 * MS, 1);
        ledger.sent("measured", 150 * MS, 1);
        ledger.received("warm", 1, 500 * MS);
        ledger.received("measured", 1, 160 * MS);
        assertTrue(ledger.completeness().exact());
        assertEquals(1, ledger.deliveryLatency().count());
        assertEquals(10.0, ledger.deliveryLatency().p50(), 0.05);
    }

    @Test
    void latencyCountsFromTheIntendedSendTime() {
        DeliveryLedger ledger = new DeliveryLedger(0);
        // 发送端晚了 40 ms 才真正发出，收到时距计划时间 50 ms：延迟按 50 ms 计（修正协同遗漏）
        ledger.sent("late", 0, 1);
        ledger.received("late", 1, 50 * MS);
        assertEquals(50.0, ledger.deliveryLatency().p99(), 0.1);
    }

    @Test
    void foreignMessagesAreIgnoredAndIdsMustBeUnique() {
        DeliveryLedger ledger = new DeliveryLedger(0);
        ledger.sent("a", 0, 1);
        assertFalse(ledger.received("other-run", 1, MS));
        assertThrows(IllegalArgumentException.class, () -> ledger.sent("a", 0, 1));
        assertEquals(0, ledger.completeness().unexpected());
    }
}
