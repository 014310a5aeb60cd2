package com.acme.im.gateway.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TokenClaimsTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
            .getBytes(StandardCharsets.UTF_8);

    private static SignedJWT signed(JWSAlgorithm alg) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), new JWTClaimsSet.Builder()
                .subject("42").claim("sid", "s1").claim("username", "alice")
                .expirationTime(new Date(System.currentTimeMillis() + 60_000)).build());
        jwt.sign(new MACSigner(SECRET));
        return jwt;
    }

    @Test
    void hs256TokensGiveTheirClaims() throws Exception {
        TokenClaims claims = TokenClaims.of(signed(JWSAlgorithm.HS256));
        assertEquals(42, claims.userId());
        assertEquals("s1", claims.sessionId());
    }

    @Test
    void otherHmacAlgorithmsAreRefusedEvenWithTheRightSecret() throws Exception {
        // logic 只签发 HS256；框架的验签对 HS384/HS512 也放行，所以这里必须拒绝
        assertNull(TokenClaims.of(signed(JWSAlgorithm.HS384)));
        assertNull(TokenClaims.of(signed(JWSAlgorithm.HS512)));
    }
}
