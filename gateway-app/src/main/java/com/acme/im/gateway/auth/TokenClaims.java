package com.acme.im.gateway.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.core.annotation.Nullable;

import java.text.ParseException;
import java.util.Date;

/**
 * 本地验签通过的访问令牌中网关要用的声明。缓存命中时据此构造登录身份，不再经过 logic。
 *
 * @param userId    用户 ID（sub）
 * @param username  用户名
 * @param sessionId 令牌族 ID（sid）
 * @param expiresAt 过期时间（毫秒时间戳）
 */
public record TokenClaims(long userId, String username, String sessionId, long expiresAt) {

    /** 解析声明；算法不是 HS256、缺 sub/sid/exp 或 sub 不是数字时返回 null（logic 也会拒绝这样的令牌）。 */
    @Nullable
    public static TokenClaims of(JWT jwt) {
        // 只接受 HS256（logic 只签 HS256）：框架的 SecretSignature 对任何 HMAC 算法都放行，不看 jws-algorithm
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            return null;
        }
        try {
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            String sid = claims.getStringClaim("sid");
            Date exp = claims.getExpirationTime();
            if (claims.getSubject() == null || sid == null || sid.isEmpty() || exp == null) {
                return null;
            }
            String username = claims.getStringClaim("username");
            return new TokenClaims(Long.parseLong(claims.getSubject()), username == null ? "" : username, sid, exp.getTime());
        } catch (ParseException | NumberFormatException e) {
            return null;
        }
    }
}
