package com.acme.im.repo.group;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * 群组限制。
 *
 * @param maxMembers 群成员上限（含群主），超过返回 4002，默认 5000（种子 002：群组上限 5,000；“活跃同时 2,000”是在线规模而非上限）
 */
@ConfigurationProperties("im.repo.group")
public record GroupConfiguration(@Bindable(defaultValue = "5000") int maxMembers) {
}
