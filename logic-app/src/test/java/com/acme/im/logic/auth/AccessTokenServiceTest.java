package com.acme.im.logic.auth;

import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessTokenServiceTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private static AuthConfiguration config(String secret) {
        AuthConfiguration c = new AuthConfiguration();
        c.setJwtSecret(secret);
        c.setAccessTokenTtl(Duration.ofHours(2));
        return c;
    }

    private static AccessTokenService at(Instant instant, String secret) {
        return new AccessTokenService(config(secret), Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";

    @Test
    void issuedTokenVerifiesWithItsClaims() {
        AccessTokenService tokens = at(NOW, SECRET);
        AccessTokenService.IssuedAccessToken issued = tokens.issue(42, "alice", "sess-1");
        AccessTokenClaims claims = tokens.verify(issued.token());

        assertEquals(42, claims.userId());
        assertEquals("alice", claims.username());
        assertEquals("sess-1", claims.sessionId());
        assertEquals(issued.claims().tokenId(), claims.tokenId());
        assertEquals(NOW.plus(Duration.ofHours(2)).toEpochMilli(), claims.expiresAt());
        assertEquals(7200, tokens.ttlSeconds());
        String header = new String(Base64.getUrlDecoder().decode(issued.token().split("\\.")[0]));
        assertTrue(header.contains("HS256"), header);
        String payload = new String(Base64.getUrlDecoder().decode(issued.token().split("\\.")[1]));
        assertTrue(payload.contains("\"iss\":\"acme-im\""), payload);
        assertTrue(payload.contains("\"sub\":\"42\""), payload);
    }

    @Test
    void everyTokenHasItsOwnId() {
        AccessTokenService tokens = at(NOW, SECRET);
        assertNotEquals(tokens.issue(1, "a", "s").claims().tokenId(), tokens.issue(1, "a", "s").claims().tokenId());
    }

    @Test
    void expiredTokenIsRejectedButAcceptedForLogout() {
        String token = at(NOW, SECRET).issue(1, "a", "s").token();
        AccessTokenService later = at(NOW.plus(Duration.ofHours(2)).plusSeconds(1), SECRET);

        ImException e = assertThrows(ImException.class, () -> later.verify(token));
        assertEquals(ErrorCode.UNAUTHORIZED, e.errorCode());
        assertEquals(1, later.verify(token, true).userId());
    }

    @Test
    void tokenSignedWithAnotherSecretIsRejected() {
        String token = at(NOW, SECRET).issue(1, "a", "s").token();
        AccessTokenService other = at(NOW, "another-secret-that-is-long-enough-987654321");
        assertEquals(ErrorCode.UNAUTHORIZED, assertThrows(ImException.class, () -> other.verify(token)).errorCode());
    }

    @Test
    void tamperedOrGarbageTokensAreRejected() {
        AccessTokenService tokens = at(NOW, SECRET);
        String[] parts = tokens.issue(1, "a", "s").token().split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"sub\":\"1\"", "\"sub\":\"2\"").getBytes());
        String forged = parts[0] + "." + forgedPayload + "." + parts[2];

        for (String bad : new String[]{forged, "", "abc", "a.b.c", parts[0] + "." + parts[1] + "."}) {
            assertEquals(ErrorCode.UNAUTHORIZED, assertThrows(ImException.class, () -> tokens.verify(bad)).errorCode(), bad);
        }
    }
}
