package com.acme.im.repo.group;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * 群组限制。
 *
 * @param maxMembers 群成员上限（含群主），超过返回 4002，默认 10000
 */
@ConfigurationProperties("im.repo.group")
public record GroupConfiguration(@Bindable(defaultValue = "10000") int maxMembers) {
}
