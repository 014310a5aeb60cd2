package com.acme.im.bench.chat;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateSchedulerTest {

    @Test
    void intendedTimesAreFixedByRateNotByCompletions() {
        assertEquals(1_000L, RateScheduler.intendedNanos(1_000, 1000, 0));
        assertEquals(1_000 + 1_000_000L, RateScheduler.intendedNanos(1_000, 1000, 1));
        assertEquals(1_000 + 2_500_000_000L, RateScheduler.intendedNanos(1_000, 2, 5));
        assertEquals(150, RateScheduler.count(5, 30));
        assertEquals(1, RateScheduler.count(0.01, 1));
    }

    @Test
    void slowSenderDoesNotSlowTheScheduleDown() {
        // 每次发送耗时 5 ms，而计划间隔只有 1 ms：计划时间不变，落后体现在 maxLag 中（开环）
        List<Long> intended = new ArrayList<>();
        long start = System.nanoTime();
        RateScheduler.Result r = RateScheduler.run(start, 1000, 20, (i, t) -> {
            intended.add(t);
            long until = System.nanoTime() + 5_000_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        });
        assertEquals(20, r.sent());
        for (int i = 0; i < 20; i++) {
            assertEquals(RateScheduler.intendedNanos(start, 1000, i), intended.get(i));
        }
        assertTrue(r.maxLagNanos() >= 50_000_000L, "lag " + r.maxLagNanos());
        assertTrue(r.achievedRate() < 300, "achieved " + r.achievedRate());
    }

    @Test
    void keepsTheRateWhenTheSenderIsFast() {
        long start = System.nanoTime();
        RateScheduler.Result r = RateScheduler.run(start, 500, 101, (i, t) -> {
        });
        // 101 次、100 个间隔，计划 200 ms
        double seconds = r.elapsedNanos() / 1e9;
        assertTrue(seconds >= 0.2 && seconds < 0.3, "took " + seconds);
        assertTrue(r.achievedRate() > 400 && r.achievedRate() <= 501, "achieved " + r.achievedRate());
    }
}
