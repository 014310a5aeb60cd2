package com.acme.im.bench.chaos;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FaultTest {

    @Test
    void parsesEveryKind() {
        assertEquals(new Fault("kill-logic-app", "kill -9 logic-app, restart", FaultKind.KILL_APP, "logic-app", 0),
                Fault.parse("kill-logic-app", 20));
        assertEquals(new Fault("pause-logic-app", "SIGSTOP logic-app 25 s", FaultKind.PAUSE_APP, "logic-app", 25),
                Fault.parse("pause-logic-app", 25));
        assertEquals(FaultKind.RESTART_INFRA, Fault.parse("restart-mariadb", 20).kind());
        assertEquals(FaultKind.FLUSH_REDIS, Fault.parse("flush-redis", 20).kind());
        assertThrows(IllegalArgumentException.class, () -> Fault.parse("kill-postgres", 20));
        assertThrows(IllegalArgumentException.class, () -> Fault.parse("restart-logic-app", 20));
        assertThrows(IllegalArgumentException.class, () -> Fault.parse("reboot", 20));
    }

    @Test
    void plansParse() {
        assertEquals(3, Fault.parseAll(Fault.shortPlan(), 20).size());
        List<Fault> full = Fault.parseAll(Fault.fullPlan("index-function"), 20);
        assertEquals(9, full.size());
        assertEquals("kill-index-function", full.get(3).key());
        assertEquals(FaultKind.PAUSE_APP, full.get(8).kind());
    }

    @Test
    void memoryIsShownInGibibytes() {
        assertEquals("23.5 GiB", ChaosReport.memory("24683548 kB"));
        assertEquals("?", ChaosReport.memory("?"));
    }

    @Test
    void reconnectBackoffDoublesToFiveSeconds() {
        assertEquals(500, ReliableClient.backoffMillis(0));
        assertEquals(1000, ReliableClient.backoffMillis(1));
        assertEquals(4000, ReliableClient.backoffMillis(3));
        assertEquals(5000, ReliableClient.backoffMillis(4));
        assertEquals(5000, ReliableClient.backoffMillis(40));
    }
}
