package com.acme.im.gateway.ws;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.acme.im.gateway.ws.ConnectionRegistryTest.connection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionRegistryLimitTest {

    private final ConnectionRegistry registry = new ConnectionRegistry();

    @Test
    void sixthDeviceOfAUserIsRefusedOthersAreNot() {
        for (int i = 0; i < 5; i++) {
            assertTrue(registry.tryRegister(connection("a" + i, 1, "s"), 5));
        }
        assertFalse(registry.tryRegister(connection("a5", 1, "s"), 5));
        assertEquals(5, registry.countOf(1));
        assertEquals(5, registry.size());
        assertTrue(registry.tryRegister(connection("b0", 2, "s"), 5));

        registry.unregister(registry.byId("a0"));
        assertTrue(registry.tryRegister(connection("a5", 1, "s"), 5));
    }

    @Test
    void concurrentUpgradesOfOneUserNeverExceedTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                Connection c = connection("c" + i, 9, "s");
                results.add(pool.submit(() -> {
                    start.await();
                    return registry.tryRegister(c, 5);
                }));
            }
            start.countDown();
            int accepted = 0;
            for (Future<Boolean> f : results) {
                accepted += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(5, accepted);
            assertEquals(5, registry.countOf(9));
            assertEquals(5, registry.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
