package com.acme.im.runtime.discovery;

import io.etcd.jetcd.Client;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * 每个应用上下文一个 jetcd 客户端（内部自带 Vert.x 事件循环），随上下文关闭。
 */
@Factory
@Requires(property = DiscoveryConfiguration.ENABLED, notEquals = "false")
public class EtcdClientFactory {

    @Singleton
    @Bean(preDestroy = "close")
    Client etcdClient(DiscoveryConfiguration configuration) {
        // 连接超时取请求超时，etcd 不可用时尽快失败并交给上层退避重试
        Duration timeout = configuration.getRequestTimeout();
        return Client.builder()
                .endpoints(configuration.getEndpoints().toArray(String[]::new))
                .connectTimeout(timeout)
                .keepaliveTime(Duration.ofSeconds(10))
                .keepaliveTimeout(timeout)
                .retryMaxDuration(timeout)
                .build();
    }
}
