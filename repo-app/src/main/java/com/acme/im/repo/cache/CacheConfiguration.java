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
 * @param listEnabled  是否缓存会话列表第一页（进程内，按 Redis 里的版本键校验），默认开
 * @param listMaxUsers 进程内最多缓存多少个用户的第一页，默认 5000（每页约几 KB）
 * @param listTtl      列表第一页与最新一页历史缓存的最长寿命，默认 60 秒；只是版本键删除失败时的兜底
 * @param historyMaxConversations 进程内最多缓存多少个会话的最新一页历史（按版本键核对），默认 2000；0 关闭
 * @param localMaxBytes 上面两个进程内缓存各自的估算字节上限，默认 48 MB（按消息内容长度估算）
 */
@ConfigurationProperties("im.repo.cache")
public record CacheConfiguration(
        @Bindable(defaultValue = "30m") Duration userTtl,
        @Bindable(defaultValue = "10m") Duration groupTtl,
        @Bindable(defaultValue = "10m") Duration memberTtl,
        @Bindable(defaultValue = "true") boolean listEnabled,
        @Bindable(defaultValue = "5000") int listMaxUsers,
        @Bindable(defaultValue = "60s") Duration listTtl,
        @Bindable(defaultValue = "2000") int historyMaxConversations,
        @Bindable(defaultValue = "50331648") long localMaxBytes) {
}
