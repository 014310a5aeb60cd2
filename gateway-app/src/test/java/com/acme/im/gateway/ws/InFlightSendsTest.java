package com.acme.im.gateway.ws;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 重发抑制：窗口内的重复写入被忽略；ack、失败或窗口过去之后重发照常写入；条目有上限。
 */
class InFlightSendsTest {

    @Test
    void aResendInsideTheWindowIsSuppressedUntilAckedOrExpired() {
        InFlightSends s = new InFlightSends(30_000, 100);
        assertTrue(s.begin("m1", 0));
        assertFalse(s.begin("m1", 3_000), "resent 3 s later while still in flight");
        assertTrue(s.begin("m2", 3_000), "another message is not affected");
        assertTrue(s.begin("m1", 30_000), "after the window the resend goes through again");
        s.done("m1");
        assertTrue(s.begin("m1", 31_000), "after the ack (or a failed publish) a resend goes through");
    }

    @Test
    void zeroWindowDisablesSuppressionAndEntriesAreBounded() {
        InFlightSends off = new InFlightSends(0, 100);
        assertTrue(off.begin("m", 0));
        assertTrue(off.begin("m", 1));
        InFlightSends bounded = new InFlightSends(30_000, 2);
        bounded.begin("a", 0);
        bounded.begin("b", 0);
        bounded.begin("c", 0);
        assertEquals(2, bounded.size());
        assertTrue(bounded.begin("a", 1), "the oldest entry was forgotten");
    }
}
