package com.acme.im.gateway.auth;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * 吊销广播消费线程的健康：线程退出后本网关的令牌缓存收不到登出，已登出的令牌可能被放行到缓存过期，必须报 DOWN。
 */
@Singleton
public class SessionRevocationHealthIndicator implements HealthIndicator {

    private final SessionRevocationListener listener;
    private final SessionValidityCache sessions;

    public SessionRevocationHealthIndicator(SessionRevocationListener listener, SessionValidityCache sessions) {
        this.listener = listener;
        this.sessions = sessions;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean up = listener.isPolling();
        return Mono.just(HealthResult.builder("session-revocations", up ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("polling", up, "cachedSessions", sessions.size()))
                .build());
    }
}
