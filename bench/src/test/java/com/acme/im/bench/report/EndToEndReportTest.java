package com.acme.im.bench.report;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndToEndReportTest {

    private static WorkloadResult step(String name, double rate, double p50, double p99, Map<String, Long> errors) {
        return new WorkloadResult(name, rate, rate, new LatencySummary(1000, p50, p99 * 0.9, p99, p99 * 2),
                LatencySummary.EMPTY, new Completeness(100, 100, 100, 0, 0, 0), errors, Map.of("gateway-app", 0.5));
    }

    private static RunResults sample() {
        RunResults r = new RunResults();
        r.oneToOne.add(step("one-to-one @1000/s", 1000, 20, 80, Map.of()));
        r.oneToOne.add(step("one-to-one @3000/s", 3000, 30, 150, Map.of()));
        r.oneToOneHighestHeld = 3000;
        r.kafkaTwoTopics = step("Kafka 2 topics", 1000, 4, 10, Map.of());
        r.kafkaOneTopic = step("Kafka 1 topic", 1000, 2, 5, Map.of());
        r.groups.add(new WorkloadResult("group 5000 members, 2000 online (fanout function)", 2, 2,
                new LatencySummary(10, 100, 200, 300, 400), new LatencySummary(10, 200, 300, 450, 480),
                new Completeness(2, 3998, 3998, 0, 0, 0), Map.of(), Map.of()));
        r.connectionsOpen = 41_000;
        r.connectionsTarget = 50_000;
        return r;
    }

    private static Marks.Mark mark(List<Marks.Mark> marks, String prefix) {
        return marks.stream().filter(m -> m.mark().startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(prefix));
    }

    @Test
    void marksAreJudgedFromTheFigures() {
        RunResults r = sample();
        r.rest.add(new WorkloadResult("REST history page (limit 50) @500/s open loop", 500, 499,
                new LatencySummary(10_000, 3, 10, 40, 90), LatencySummary.EMPTY, Completeness.NONE, Map.of(), Map.of()));
        r.rest.add(new WorkloadResult("REST conversation list, 32 concurrent", 0, 900,
                new LatencySummary(10_000, 30, 60, 80, 90), LatencySummary.EMPTY, Completeness.NONE, Map.of(), Map.of()));
        List<Marks.Mark> marks = Marks.evaluate(r);
        assertFalse(mark(marks, "3,000 one-to-one").met(), "p99 150 ms at 3000/s misses the 100 ms mark");
        assertTrue(mark(marks, "1,000 one-to-one").met(), "p99 80 ms at 1000/s holds");
        assertTrue(mark(marks, "2,000 online group members").met(), "all 2000 reached with p99 450 ms");
        assertFalse(mark(marks, "2,000 online of a 5,000-member group").met(), "p99 450 ms misses 300 ms");
        assertFalse(mark(marks, "50,000 idle").met(), "41,000 < 50,000 connections");
        assertTrue(mark(marks, "REST history page").met(), "p99 40 ms at 500 req/s");
        assertEquals(1, marks.stream().filter(m -> m.mark().startsWith("REST")).count(), "closed-loop steps are not judged");
    }

    @Test
    void ratiosDivideByTheBaselineAtTheSameRate() {
        List<Ratios.Ratio> ratios = Ratios.compute(sample(), 1000);
        Ratios.Ratio twoHops = ratios.get(0);
        assertEquals("Kafka 2 topics", twoHops.baseline());
        assertEquals(5.0, twoHops.p50(), 1e-9);
        assertEquals(8.0, twoHops.p99(), 1e-9);
    }

    @Test
    void reportListsEveryFigure() {
        Environment env = new Environment(2, "Test CPU", "24 GB", "6.1", "Java 17", "abc123", false, "0.1 0.2 0.3",
                Instant.parse("2025-01-01T00:00:00Z"));
        String md = EndToEndReport.render(sample(), env, Instant.parse("2025-01-01T00:10:00Z"), 1000, "bash bench/run.sh all");
        assertTrue(md.contains("abc123"));
        assertTrue(md.contains("Test CPU"));
        assertTrue(md.contains("| 3000 | 3000 | 30.0 | 135 | 150 | 300 | 0 |"), md);
        assertTrue(md.contains("Highest rate that holds: 3000 messages/s"));
        assertTrue(md.contains("**not met**"));
        assertTrue(md.contains("5.0x"));
        assertTrue(md.contains("450"));
    }

    @Test
    void errorsBreakAStep() {
        WorkloadResult ok = step("x", 100, 1, 50, Map.of());
        WorkloadResult limited = step("x", 100, 1, 50, Map.of("error-1005", 3L));
        assertTrue(ok.holds(200));
        assertFalse(limited.holds(200));
        assertFalse(ok.holds(40));
    }

    @Test
    void millisecondsAreFormattedByMagnitude() {
        assertEquals("1.23", LatencySummary.ms(1.234));
        assertEquals("12.3", LatencySummary.ms(12.34));
        assertEquals("123", LatencySummary.ms(123.4));
        assertEquals("no samples", LatencySummary.EMPTY.format());
    }
}
