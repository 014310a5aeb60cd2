package com.acme.im.logic.auth;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * 认证参数（前缀 im.auth）。开发默认密钥只用于本地，生产环境使用它会拒绝启动。
 */
@ConfigurationProperties("im.auth")
public class AuthConfiguration {

    /** 仅供开发与测试的默认密钥；生产环境（prod 环境或 im.auth.production=true）禁止使用。 */
    public static final String DEV_SECRET = "dev-only-insecure-jwt-secret-change-me-0123456789";

    /** HS256 签名密钥，至少 32 字节；网关用同一密钥校验。 */
    private String jwtSecret = DEV_SECRET;
    /** 访问令牌有效期。 */
    private Duration accessTokenTtl = Duration.ofHours(2);
    /** 刷新令牌有效期。 */
    private Duration refreshTokenTtl = Duration.ofDays(30);
    /** 令牌签发者（iss）。 */
    private String issuer = "acme-im";
    /** 显式声明生产部署；为 true 时与 prod 环境同样拒绝开发密钥。 */
    private boolean production;
    /** 登出时等待吊销广播被 Kafka 确认的最长时间，超时登出返回 1007（库中的吊销已生效，可重试）。 */
    private Duration revocationPublishTimeout = Duration.ofSeconds(5);

    public String getJwtSecret() {
        return jwtSecret;
    }

    public void setJwtSecret(String jwtSecret) {
        this.jwtSecret = jwtSecret;
    }

    public Duration getAccessTokenTtl() {
        return accessTokenTtl;
    }

    public void setAccessTokenTtl(Duration accessTokenTtl) {
        this.accessTokenTtl = accessTokenTtl;
    }

    public Duration getRefreshTokenTtl() {
        return refreshTokenTtl;
    }

    public void setRefreshTokenTtl(Duration refreshTokenTtl) {
        this.refreshTokenTtl = refreshTokenTtl;
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public boolean isProduction() {
        return production;
    }

    public void setProduction(boolean production) {
        this.production = production;
    }

    public Duration getRevocationPublishTimeout() {
        return revocationPublishTimeout;
    }

    public void setRevocationPublishTimeout(Duration revocationPublishTimeout) {
        this.revocationPublishTimeout = revocationPublishTimeout;
    }
}
