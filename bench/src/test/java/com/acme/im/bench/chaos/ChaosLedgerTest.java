package com.acme.im.bench.chaos;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChaosLedgerTest {

    private final AtomicLong clock = new AtomicLong();
    private final ChaosLedger ledger = new ChaosLedger(clock::get);

    @Test
    void recordsAckLiveSyncAndPhase() {
        ledger.created("a", "g_1", new int[]{5, 3});
        ledger.phase(1);
        clock.set(100);
        ledger.created("b", "g_1", new int[]{3});
        clock.set(150);
        ledger.acked("a", "m1");
        ledger.live("a", 3, false);
        clock.set(400);
        ledger.synced("a", 5, ChaosLedger.Via.SYNC);
        // 补拉之后的实时到达不再算新的送达，但补记实时时刻
        ledger.live("a", 5, false);
        ledger.live("a", 3, true);

        SentMessage a = ledger.snapshot().get(0);
        assertEquals(0, a.phase());
        assertEquals(150, a.ackMs());
        assertEquals("m1", a.ackMessageId());
        assertEquals(new Receipt(3, 150, 1, -1, false), a.receipts().get(0));
        assertEquals(new Receipt(5, 400, 0, 400, false), a.receipts().get(1));
        assertEquals(1, ledger.snapshot().get(1).phase());
        assertEquals(2, ledger.liveDeliveries() + ledger.syncDeliveries());
        assertEquals(1, ledger.acked());
    }

    @Test
    void secondAckWithAnotherMessageIdIsAConflict() {
        ledger.created("a", "s_1_2", new int[]{2});
        ledger.acked("a", "m1");
        ledger.acked("a", "m1");
        assertFalse(ledger.snapshot().get(0).ackConflict());
        ledger.acked("a", "m2");
        assertTrue(ledger.snapshot().get(0).ackConflict());
        assertEquals(1, ledger.acked());
    }

    @Test
    void deliveryToANonMemberIsMisdirectedAndUnknownIdsAreIgnored() {
        ledger.created("a", "s_1_2", new int[]{2});
        ledger.live("a", 9, false);
        ledger.live("other-run", 2, false);
        ledger.synced("other-run", 2, ChaosLedger.Via.FINAL_SYNC);
        assertEquals(1, ledger.misdirected());
        assertEquals(0, ledger.liveDeliveries());
    }

    @Test
    void settledUnackedAndFirstCompletion() {
        ledger.created("a", "s_1_2", new int[]{2});
        clock.set(1_000);
        ledger.created("b", "s_1_2", new int[]{2});
        clock.set(2_000);
        ledger.created("c", "s_1_2", new int[]{2});
        assertEquals(2, ledger.unackedCreatedBefore(2_000));
        assertEquals(-1, ledger.firstCompletionSince(1_000));

        clock.set(3_000);
        ledger.acked("c", "mc");
        ledger.live("c", 2, false);
        clock.set(3_500);
        ledger.acked("b", "mb");
        ledger.live("b", 2, false);
        assertEquals(3_000, ledger.firstCompletionSince(1_000));
        assertEquals(1, ledger.unackedCreatedBefore(2_000));
        assertFalse(ledger.allSettled());

        ledger.acked("a", "ma");
        ledger.synced("a", 2, ChaosLedger.Via.FINAL_SYNC);
        assertTrue(ledger.allSettled());
        assertTrue(ledger.snapshot().get(0).receipts().get(0).finalSync());
    }

    @Test
    void sameClientMsgIdCannotBeCreatedTwice() {
        ledger.created("a", "s_1_2", new int[]{2});
        assertThrows(IllegalArgumentException.class, () -> ledger.created("a", "s_1_2", new int[]{2}));
    }
}
