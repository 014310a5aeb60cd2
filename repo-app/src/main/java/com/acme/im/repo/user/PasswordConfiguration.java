package com.acme.im.repo.user;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * 密码哈希参数。
 *
 * @param bcryptCost bcrypt 代价因子，默认 10（约 50~100 ms 一次），测试可调低
 */
@ConfigurationProperties("im.repo.password")
public record PasswordConfiguration(@Bindable(defaultValue = "10") int bcryptCost) {
}
