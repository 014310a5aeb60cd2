package com.acme.im.gateway.downstream;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * 下行消费线程的健康：线程退出意味着本网关收不到任何消息，必须报 DOWN。
 */
@Singleton
public class DownstreamHealthIndicator implements HealthIndicator {

    private final DownstreamListener listener;

    public DownstreamHealthIndicator(DownstreamListener listener) {
        this.listener = listener;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean up = listener.isPolling();
        return Mono.just(HealthResult.builder("downstream", up ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("polling", up))
                .build());
    }
}
