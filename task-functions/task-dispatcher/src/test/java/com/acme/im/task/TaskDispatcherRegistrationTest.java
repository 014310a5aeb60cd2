package com.acme.im.task;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskDispatcherRegistrationTest {

    @Test
    void refusesToStartWithoutProcessors() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("spec.name", "NoProcessors",
                "im.task.consumer.enabled", false))) {
            Exception e = assertThrows(Exception.class, () -> ctx.getBean(TaskDispatcher.class));
            assertTrue(rootMessage(e).contains("no TaskProcessor bean found"), rootMessage(e));
        }
    }

    @Test
    void refusesTwoProcessorsForOneType() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("spec.name", "DuplicateTypes",
                "im.task.consumer.enabled", false))) {
            Exception e = assertThrows(Exception.class, () -> ctx.getBean(TaskDispatcher.class));
            assertTrue(rootMessage(e).contains("task type 'same' is claimed by two processors"), rootMessage(e));
        }
    }

    @Test
    void backoffDoublesUpToTheCap() {
        RetryPolicy policy = new RetryPolicy();
        assertEquals(4, policy.maxAttempts());
        assertEquals(Duration.ofMillis(100), policy.delayBeforeRetry(1));
        assertEquals(Duration.ofMillis(200), policy.delayBeforeRetry(2));
        assertEquals(Duration.ofMillis(400), policy.delayBeforeRetry(3));
        assertEquals(Duration.ofSeconds(5), policy.delayBeforeRetry(10));
    }

    private static String rootMessage(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
