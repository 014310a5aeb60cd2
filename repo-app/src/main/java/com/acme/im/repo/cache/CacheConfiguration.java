package com.acme.im.repo.cache;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * 各类缓存的 TTL。写路径总是先改库再删缓存，TTL 只是 Redis 删除失败时陈旧数据的上限。
 *
 * @param userTtl   用户资料，默认 30 分钟
 * @param groupTtl  群组信息（含成员数），默认 10 分钟
 * @param memberTtl 单个群成员关系（含否定缓存），默认 10 分钟
 */
@ConfigurationProperties("im.repo.cache")
public record CacheConfiguration(
        @Bindable(defaultValue = "30m") Duration userTtl,
        @Bindable(defaultValue = "10m") Duration groupTtl,
        @Bindable(defaultValue = "10m") Duration memberTtl) {
}
