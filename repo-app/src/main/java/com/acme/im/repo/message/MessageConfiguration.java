package com.acme.im.repo.message;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * 消息限制。
 *
 * @param maxContentLength 内容最大字符数，超过返回 3002，默认 10000
 */
@ConfigurationProperties("im.repo.message")
public record MessageConfiguration(@Bindable(defaultValue = "10000") int maxContentLength) {
}
