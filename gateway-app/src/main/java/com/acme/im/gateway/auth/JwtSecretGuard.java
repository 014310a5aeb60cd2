package com.acme.im.gateway.auth;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;

import java.nio.charset.StandardCharsets;

/**
 * 启动即检查验签密钥，规则与 logic-app 相同：过短拒绝；生产环境仍用开发默认密钥拒绝启动，
 * 否则任何人都能伪造令牌。@Context 保证在接受请求之前执行。
 */
@Context
public class JwtSecretGuard {

    /** 与 logic-app 一致的开发默认密钥，只供本地开发与测试。 */
    public static final String DEV_SECRET = "dev-only-insecure-jwt-secret-change-me-0123456789";

    public JwtSecretGuard(@Value("${im.auth.jwt-secret}") String secret,
                          @Value("${im.auth.production:false}") boolean production,
                          Environment environment) {
        check(secret, production || environment.getActiveNames().contains("prod"));
    }

    static void check(String secret, boolean production) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException("im.auth.jwt-secret must be at least 32 bytes");
        }
        if (production && DEV_SECRET.equals(secret)) {
            throw new IllegalStateException("refusing to start: production requires IM_JWT_SECRET, the development default secret is set");
        }
    }
}
