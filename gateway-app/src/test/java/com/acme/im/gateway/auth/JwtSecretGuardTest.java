package com.acme.im.gateway.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JwtSecretGuardTest {

    @Test
    void devSecretIsRefusedOnlyInProduction() {
        assertDoesNotThrow(() -> JwtSecretGuard.check(JwtSecretGuard.DEV_SECRET, false));
        assertThrows(IllegalStateException.class, () -> JwtSecretGuard.check(JwtSecretGuard.DEV_SECRET, true));
        assertDoesNotThrow(() -> JwtSecretGuard.check("a-real-production-secret-of-enough-length", true));
    }

    @Test
    void shortSecretIsAlwaysRefused() {
        assertThrows(IllegalStateException.class, () -> JwtSecretGuard.check("short", false));
        assertThrows(IllegalStateException.class, () -> JwtSecretGuard.check(null, false));
    }
}
