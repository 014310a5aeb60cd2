package com.acme.im.logic.auth;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JwtSecretGuardTest {

    private static final String REAL_SECRET = "a-production-secret-that-is-long-enough-42";

    private static ApplicationContext start(Map<String, Object> extra, String... environments) {
        Map<String, Object> props = new HashMap<>(Map.of(
                "kafka.enabled", false,
                "grpc.server.enabled", false,
                "grpc.channels.repo-app.address", "127.0.0.1:1"));
        props.putAll(extra);
        return ApplicationContext.builder().environments(environments).properties(props).start();
    }

    @Test
    void refusesToStartInProdWithTheDevelopmentSecret() {
        Exception e = assertThrows(Exception.class, () -> start(devSecret(), "prod").close());
        assertTrue(rootMessage(e).contains("IM_JWT_SECRET"), rootMessage(e));
    }

    @Test
    void refusesToStartWhenProductionFlagIsSetWithTheDevelopmentSecret() {
        assertThrows(Exception.class, () -> start(Map.of("im.auth.production", true,
                "im.auth.jwt-secret", AuthConfiguration.DEV_SECRET)).close());
    }

    @Test
    void refusesShortSecretsEverywhere() {
        assertThrows(Exception.class, () -> start(Map.of("im.auth.jwt-secret", "too-short")).close());
    }

    @Test
    void startsInProdWithARealSecretAndInDevelopmentWithTheDefault() {
        try (ApplicationContext ctx = start(Map.of("im.auth.jwt-secret", REAL_SECRET), "prod")) {
            assertNotNull(ctx.getBean(AccessTokenService.class));
        }
        try (ApplicationContext ctx = start(devSecret())) {
            assertNotNull(ctx.getBean(JwtSecretGuard.class));
        }
    }

    /** 显式给出开发默认密钥：环境里导出了 IM_JWT_SECRET（如 scripts/system.sh 的每安装密钥）时测试结果不变。 */
    private static Map<String, Object> devSecret() {
        return Map.of("im.auth.jwt-secret", AuthConfiguration.DEV_SECRET);
    }

    private static String rootMessage(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
