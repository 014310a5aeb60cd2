package com.acme.im.logic.admin;

import com.acme.im.logic.auth.AccessTokenService;
import com.acme.im.logic.auth.AuthConfiguration;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * 管理员令牌与用户令牌互不通用：同一密钥签发，但签发者与类型不同。
 */
class AdminTokenServiceTest {

    private static AuthConfiguration auth(String secret) {
        AuthConfiguration c = new AuthConfiguration();
        c.setJwtSecret(secret);
        return c;
    }

    private static final String SECRET = "unit-test-secret-0123456789-0123456789-abcdef";

    private static ErrorCode codeOf(Runnable r) {
        return assertThrows(ImException.class, r::run).errorCode();
    }

    @Test
    void issuedTokenVerifiesToTheAdmin() {
        AdminTokenService tokens = new AdminTokenService(auth(SECRET), new AdminConfiguration());
        assertEquals(42, tokens.verify(tokens.issue(42, "root")));
        assertEquals(3600, tokens.ttlSeconds());
    }

    @Test
    void userTokenIsRecognisedAndRefusedWith7001() {
        AdminTokenService tokens = new AdminTokenService(auth(SECRET), new AdminConfiguration());
        String user = new AccessTokenService(auth(SECRET)).issue(7, "alice", "sid-1").token();
        assertEquals(ErrorCode.ADMIN_ONLY, codeOf(() -> tokens.verify(user)));
    }

    @Test
    void adminTokenIsNotAUserToken() {
        AdminTokenService tokens = new AdminTokenService(auth(SECRET), new AdminConfiguration());
        String admin = tokens.issue(1, "root");
        assertEquals(ErrorCode.UNAUTHORIZED, codeOf(() -> new AccessTokenService(auth(SECRET)).verify(admin)));
    }

    @Test
    void missingForgedAndExpiredTokensAre7000() {
        AdminTokenService tokens = new AdminTokenService(auth(SECRET), new AdminConfiguration());
        assertEquals(ErrorCode.ADMIN_UNAUTHORIZED, codeOf(() -> tokens.verify(null)));
        assertEquals(ErrorCode.ADMIN_UNAUTHORIZED, codeOf(() -> tokens.verify("")));
        assertEquals(ErrorCode.ADMIN_UNAUTHORIZED, codeOf(() -> tokens.verify("a.b.c")));
        String otherKey = new AdminTokenService(auth(SECRET + "-other"), new AdminConfiguration()).issue(1, "root");
        assertEquals(ErrorCode.ADMIN_UNAUTHORIZED, codeOf(() -> tokens.verify(otherKey)));
        AdminConfiguration shortLived = new AdminConfiguration();
        shortLived.setTokenTtl(Duration.ofMinutes(5));
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        String expired = new AdminTokenService(auth(SECRET), shortLived, past).issue(1, "root");
        assertEquals(ErrorCode.ADMIN_UNAUTHORIZED, codeOf(() -> tokens.verify(expired)));
    }
}
