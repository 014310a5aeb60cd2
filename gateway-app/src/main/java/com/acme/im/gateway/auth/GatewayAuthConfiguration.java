package com.acme.im.gateway.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * 网关令牌校验缓存与会话吊销广播的参数（前缀 im.gateway.auth），默认值即文档。
 *
 * @param sessionCacheTtl             logic 确认“会话有效”后缓存多久，期间同一会话的请求不再调用 logic，默认 60s；
 *                                    登出靠吊销广播即时生效，此值只是广播丢失时旧令牌还能被放行的上限；0 关闭缓存
 * @param sessionCacheMaxSize         缓存的会话条目上限（有效与吊销合计），超出按近似 LRU 淘汰，默认 100000
 * @param revocationPartitions        吊销 Topic 不存在时以此分区数创建，默认 3（与 scripts/infra.sh 一致）
 * @param revocationReplicationFactor 吊销 Topic 的副本数，默认 1（单节点 Kafka）
 * @param revocationStartupTimeout    启动时建 Topic、定位消费位置的最长等待，默认 30s
 * @param revocationPollTimeout       吊销消费者单次 poll 的最长阻塞，默认 500ms；有记录时立即返回，只影响停机与存活检测
 */
@ConfigurationProperties("im.gateway.auth")
public record GatewayAuthConfiguration(
        @Bindable(defaultValue = "60s") Duration sessionCacheTtl,
        @Bindable(defaultValue = "100000") long sessionCacheMaxSize,
        @Bindable(defaultValue = "3") int revocationPartitions,
        @Bindable(defaultValue = "1") short revocationReplicationFactor,
        @Bindable(defaultValue = "30s") Duration revocationStartupTimeout,
        @Bindable(defaultValue = "500ms") Duration revocationPollTimeout) {
}
