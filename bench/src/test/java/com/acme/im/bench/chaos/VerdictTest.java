package com.acme.im.bench.chaos;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerdictTest {

    private static final List<Phase> PHASES = List.of(
            new Phase("steady (no fault)", false, 0, 0, 0, ""),
            new Phase("kill -9 logic-app, restart", true, 10_000, 10_300, 30_000, ""));

    /** 一条单聊消息：已确认、接收方在 liveMs 实时收到。 */
    private static SentMessage delivered(String id, int phase, long created, long ack, long live) {
        return new SentMessage(id, "s_1_2", phase, created, ack, "m-" + id, false,
                List.of(new Receipt(2, live, 0, -1, false)));
    }

    private static StoredMessage stored(String id, long seq) {
        return new StoredMessage("s_1_2", "m-" + id, seq, id);
    }

    private static Map<String, List<StoredMessage>> history(StoredMessage... messages) {
        Map<String, List<StoredMessage>> h = new LinkedHashMap<>();
        for (StoredMessage m : messages) {
            h.computeIfAbsent(m.conversationId(), k -> new ArrayList<>()).add(m);
        }
        return h;
    }

    @Test
    void cleanRunPassesAndRecoveryIsFirstCompletionAfterTheFault() {
        List<SentMessage> sent = List.of(
                delivered("a", 0, 1_000, 1_050, 1_060),
                // 动作开始后、进程真正被杀之前创建，旧进程还处理完了：不算恢复
                delivered("e", 1, 10_100, 10_150, 10_160),
                // 故障生效后创建、等到重启后才确认并送达：决定恢复时间
                delivered("b", 1, 10_500, 41_000, 41_020),
                delivered("c", 1, 12_000, 40_900, 40_950),
                delivered("d", 1, 42_000, 42_030, 42_040));
        Verdict v = Verdict.compute(PHASES, sent,
                history(stored("a", 1), stored("e", 2), stored("b", 3), stored("c", 4), stored("d", 5)), 10);

        assertTrue(v.passed(), v.problems().toString());
        assertEquals(5, v.total().sent());
        assertEquals(5, v.total().stored());
        assertEquals(4, v.rows().get(1).sent());
        // c 在 40.95 s 完成（确认 40.9、送达 40.95），比 b 早：恢复时间 = 40.95 - 10.3（生效时刻）
        assertEquals(30_650, v.rows().get(1).recoveryMs());
        assertEquals(-1, v.rows().get(0).recoveryMs());
    }

    @Test
    void messageNeverStoredOrNeverDeliveredIsLoss() {
        SentMessage notStored = new SentMessage("x", "s_1_2", 1, 11_000, -1, null, false,
                List.of(new Receipt(2, -1, 0, -1, false)));
        SentMessage storedNotDelivered = new SentMessage("y", "s_1_2", 1, 12_000, 12_100, "m-y", false,
                List.of(new Receipt(2, -1, 0, -1, false)));
        Verdict v = Verdict.compute(PHASES, List.of(delivered("a", 0, 1_000, 1_050, 1_060), notStored, storedNotDelivered),
                history(stored("a", 1), stored("y", 2)), 10);

        assertFalse(v.passed());
        VerdictRow fault = v.rows().get(1);
        assertEquals(2, fault.lost());
        assertEquals(2, fault.missing());
        assertEquals(1, fault.unacked());
        assertEquals(1, fault.stored());
        assertEquals(-1, fault.recoveryMs());
        assertTrue(v.problems().stream().anyMatch(p -> p.startsWith("not stored: x")));
        assertTrue(v.problems().stream().anyMatch(p -> p.startsWith("not delivered: y") && p.contains("[2]")));
        assertTrue(v.rows().get(0).failed() == false);
    }

    @Test
    void sameClientMsgIdUnderTwoMessageIdsIsStoredTwice() {
        Verdict v = Verdict.compute(PHASES, List.of(delivered("a", 0, 1_000, 1_050, 1_060), delivered("b", 1, 11_000, 11_050, 11_060)),
                history(stored("a", 1), stored("b", 2), new StoredMessage("s_1_2", "m-b-again", 3, "b")), 10);

        assertFalse(v.passed());
        assertEquals(1, v.rows().get(1).storedTwice());
        assertEquals(0, v.rows().get(0).storedTwice());
        assertTrue(v.problems().get(0).startsWith("stored twice: b"));
    }

    @Test
    void seqHoleIsAttributedToThePhaseOfTheNextStoredMessage() {
        Verdict v = Verdict.compute(PHASES, List.of(delivered("a", 0, 1_000, 1_050, 1_060), delivered("b", 1, 11_000, 11_050, 11_060)),
                history(stored("a", 1), stored("b", 3)), 10);

        assertFalse(v.passed());
        assertEquals(0, v.rows().get(0).seqErrors());
        assertEquals(1, v.rows().get(1).seqErrors());
        assertEquals(1, v.total().seqErrors());
        assertTrue(v.problems().get(0).contains("has no seq 2"));
    }

    @Test
    void holeBeforeMessagesOfAnotherRunCountsInTheTotalOnly() {
        Verdict v = Verdict.compute(PHASES, List.of(delivered("a", 0, 1_000, 1_050, 1_060)),
                history(new StoredMessage("s_1_2", "old", 2, "earlier-run"), stored("a", 3)), 10);

        assertEquals(1, v.total().seqErrors());
        assertEquals(0, v.rows().get(0).seqErrors());
        assertFalse(v.passed());
    }

    @Test
    void duplicateLiveDeliveriesAreReportedButDoNotFail() {
        SentMessage dup = new SentMessage("g", "g_7", 0, 1_000, 1_050, "m-g", false, List.of(
                new Receipt(3, 1_060, 2, -1, false), new Receipt(4, 1_070, 0, -1, false)));
        Verdict v = Verdict.compute(PHASES, List.of(dup, delivered("a", 0, 1_000, 1_050, 1_060)),
                Map.of("g_7", List.of(new StoredMessage("g_7", "m-g", 1, "g")), "s_1_2", List.of(stored("a", 1))), 10);

        VerdictRow steady = v.rows().get(0);
        assertEquals(2, steady.duplicateLive());
        assertEquals(1, steady.duplicateMessages());
        assertEquals(50.0, steady.duplicatePercent(), 1e-9);
        assertEquals(3, steady.expected());
        assertFalse(steady.failed());
    }

    @Test
    void deliveriesBySyncAndByTheFinalSyncAreCountedApart() {
        SentMessage viaSync = new SentMessage("s", "s_1_2", 1, 11_000, 11_050, "m-s", false,
                List.of(new Receipt(2, -1, 0, 20_000, false)));
        SentMessage viaFinal = new SentMessage("f", "s_1_2", 1, 12_000, 12_050, "m-f", false,
                List.of(new Receipt(2, -1, 0, 90_000, true)));
        Verdict v = Verdict.compute(PHASES, List.of(delivered("a", 0, 1_000, 1_050, 1_060), viaSync, viaFinal),
                history(stored("a", 1), stored("s", 2), stored("f", 3)), 10);

        VerdictRow fault = v.rows().get(1);
        assertEquals(2, fault.bySync());
        assertEquals(1, fault.byFinalSync());
        assertEquals(0, fault.missing());
        assertEquals(0, fault.lost());
        // 故障后没有一条实时送达：不算恢复
        assertEquals(-1, fault.recoveryMs());
        assertTrue(fault.failed());
        assertTrue(v.problems().stream().anyMatch(p -> p.startsWith("delivered only by the final sync") && p.contains(": f ")));
    }

    @Test
    void ackNamingAnotherMessageIdIsAConflict() {
        SentMessage m = new SentMessage("a", "s_1_2", 0, 1_000, 1_050, "m-other", false,
                List.of(new Receipt(2, 1_060, 0, -1, false)));
        Verdict v = Verdict.compute(PHASES, List.of(m), history(stored("a", 1)), 10);

        assertEquals(1, v.total().ackConflicts());
        assertFalse(v.passed());
    }

    @Test
    void problemDetailsAreCappedPerKind() {
        List<SentMessage> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(new SentMessage("x" + i, "s_1_2", 0, 1_000, -1, null, false, List.of()));
        }
        Verdict v = Verdict.compute(PHASES, sent, Map.of(), 2);

        List<String> notStored = v.problems().stream().filter(p -> p.startsWith("not stored")).toList();
        assertEquals(3, notStored.size());
        assertEquals("not stored: ... and 3 more", notStored.get(2));
    }
}
