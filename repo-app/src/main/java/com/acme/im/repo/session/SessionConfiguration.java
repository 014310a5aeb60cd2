package com.acme.im.repo.session;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * 刷新令牌有效期。
 *
 * @param defaultRefreshTtl 请求未给出有效期时使用，默认 7 天
 * @param maxRefreshTtl     允许的最长有效期，默认 90 天，超过返回 1001
 */
@ConfigurationProperties("im.repo.session")
public record SessionConfiguration(
        @Bindable(defaultValue = "7d") Duration defaultRefreshTtl,
        @Bindable(defaultValue = "90d") Duration maxRefreshTtl) {
}
