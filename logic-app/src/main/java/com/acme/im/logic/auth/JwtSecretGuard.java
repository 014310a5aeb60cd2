package com.acme.im.logic.auth;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;

import java.nio.charset.StandardCharsets;

/**
 * 启动即检查签名密钥：过短的密钥一律拒绝；生产环境仍用开发默认密钥时拒绝启动，
 * 否则任何人都能伪造令牌。以 @Context 声明，保证在接受任何请求前执行。
 */
@Context
public class JwtSecretGuard {

    public JwtSecretGuard(AuthConfiguration configuration, Environment environment) {
        String secret = configuration.getJwtSecret();
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException("im.auth.jwt-secret must be at least 32 bytes");
        }
        boolean production = configuration.isProduction() || environment.getActiveNames().contains("prod");
        if (production && AuthConfiguration.DEV_SECRET.equals(secret)) {
            throw new IllegalStateException("refusing to start: production requires IM_JWT_SECRET, the development default secret is set");
        }
    }
}
