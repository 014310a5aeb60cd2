package com.acme.im.logic.auth;

import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * 访问令牌的签发与校验：标准 HS256 JWT，网关的 micronaut-security-jwt 用同一密钥即可校验。
 * 这里只做签名、签发者与过期检查；吊销检查需要查 repo，由 AuthService 负责。
 */
@Singleton
public class AccessTokenService {

    private final byte[] secret;
    private final String issuer;
    private final long ttlMillis;
    private final Clock clock;

    @Inject
    public AccessTokenService(AuthConfiguration configuration) {
        this(configuration, Clock.systemUTC());
    }

    AccessTokenService(AuthConfiguration configuration, Clock clock) {
        this.secret = configuration.getJwtSecret().getBytes(StandardCharsets.UTF_8);
        this.issuer = configuration.getIssuer();
        this.ttlMillis = configuration.getAccessTokenTtl().toMillis();
        this.clock = clock;
    }

    /** 访问令牌有效期（秒），写入 TokenPair.expires_in。 */
    public long ttlSeconds() {
        return ttlMillis / 1000;
    }

    /** 为一个会话签发访问令牌，jti 随机生成。 */
    public IssuedAccessToken issue(long userId, String username, String sessionId) {
        Instant now = clock.instant();
        Instant expires = now.plusMillis(ttlMillis);
        String jti = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(Long.toString(userId))
                .issuer(issuer)
                .claim("username", username)
                .claim("sid", sessionId)
                .jwtID(jti)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign access token", e);
        }
        return new IssuedAccessToken(jwt.serialize(), new AccessTokenClaims(userId, username, sessionId, jti, expires.toEpochMilli()));
    }

    /** 校验签名、算法、签发者与过期时间；任何不符都按 1002 拒绝，不区分原因以免泄露信息。 */
    public AccessTokenClaims verify(String token) {
        return verify(token, false);
    }

    /**
     * 校验令牌；allowExpired 为 true 时只忽略过期（登出时令牌可能刚好过期，但仍应吊销其刷新令牌族）。
     */
    public AccessTokenClaims verify(String token, boolean allowExpired) {
        if (token == null || token.isBlank() || token.length() > 8192) {
            throw invalid();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(secret))) {
                throw invalid();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (!issuer.equals(claims.getIssuer()) || exp == null) {
                throw invalid();
            }
            if (!allowExpired && !exp.toInstant().isAfter(clock.instant())) {
                throw invalid();
            }
            String sid = claims.getStringClaim("sid");
            String jti = claims.getJWTID();
            if (sid == null || sid.isEmpty() || jti == null || jti.isEmpty() || claims.getSubject() == null) {
                throw invalid();
            }
            return new AccessTokenClaims(Long.parseLong(claims.getSubject()), claims.getStringClaim("username"), sid, jti,
                    exp.getTime());
        } catch (ParseException | JOSEException | NumberFormatException e) {
            throw invalid();
        }
    }

    private static ImException invalid() {
        return new ImException(ErrorCode.UNAUTHORIZED, "invalid or expired token");
    }

    /**
     * 签发结果。
     *
     * @param token  序列化的 JWT
     * @param claims 其中的声明
     */
    public record IssuedAccessToken(String token, AccessTokenClaims claims) {
    }
}
