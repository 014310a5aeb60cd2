package com.acme.im.logic.admin;

import com.acme.im.logic.auth.AuthConfiguration;
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
 * 管理员令牌：与用户令牌同一 HS256 密钥，但签发者是 {issuer}-admin、带 typ=admin 且没有 sid。
 * 网关的用户令牌校验只认签发者 {issuer}（micronaut-security 的 issuer 校验）、logic 的用户令牌校验也比对签发者，
 * 所以管理员令牌当用户令牌用一律 1002；反过来，用户令牌拿到管理接口上在这里被认出来，回 7001。
 */
@Singleton
public class AdminTokenService {

    /** 管理员令牌的 typ 声明值。 */
    static final String TYPE = "admin";

    private final byte[] secret;
    private final String userIssuer;
    private final String adminIssuer;
    private final long ttlMillis;
    private final Clock clock;

    @Inject
    public AdminTokenService(AuthConfiguration auth, AdminConfiguration configuration) {
        this(auth, configuration, Clock.systemUTC());
    }

    AdminTokenService(AuthConfiguration auth, AdminConfiguration configuration, Clock clock) {
        this.secret = auth.getJwtSecret().getBytes(StandardCharsets.UTF_8);
        this.userIssuer = auth.getIssuer();
        this.adminIssuer = auth.getIssuer() + "-admin";
        this.ttlMillis = configuration.getTokenTtl().toMillis();
        this.clock = clock;
    }

    /** 令牌有效期（秒）。 */
    public long ttlSeconds() {
        return ttlMillis / 1000;
    }

    /** 为管理员签发令牌。 */
    public String issue(long adminId, String username) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(Long.toString(adminId))
                .issuer(adminIssuer)
                .claim("typ", TYPE)
                .claim("username", username)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusMillis(ttlMillis)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign admin token", e);
        }
        return jwt.serialize();
    }

    /**
     * 校验管理员令牌，返回管理员 ID。缺失、伪造、过期 7000；签名有效的用户令牌 7001（调用者是用户，不是管理员）。
     */
    public long verify(String token) {
        if (token == null || token.isBlank() || token.length() > 8192) {
            throw unauthorized();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(secret))) {
                throw unauthorized();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (userIssuer.equals(claims.getIssuer())) {
                throw new ImException(ErrorCode.ADMIN_ONLY, "user tokens are not accepted by the admin API");
            }
            Date exp = claims.getExpirationTime();
            if (!adminIssuer.equals(claims.getIssuer()) || !TYPE.equals(claims.getStringClaim("typ")) || exp == null
                    || !exp.toInstant().isAfter(clock.instant()) || claims.getSubject() == null) {
                throw unauthorized();
            }
            return Long.parseLong(claims.getSubject());
        } catch (ParseException | JOSEException | NumberFormatException e) {
            throw unauthorized();
        }
    }

    private static ImException unauthorized() {
        return new ImException(ErrorCode.ADMIN_UNAUTHORIZED, "admin token missing, invalid or expired");
    }
}
