package com.acme.im.logic.repo;

import io.grpc.ConnectivityState;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Map;

/**
 * repo-app 可达性：只读 gRPC 通道状态（并触发连接），不发额外请求，健康检查因此很便宜。
 */
@Singleton
public class RepoHealthIndicator implements HealthIndicator {

    private final RepoClients repo;

    public RepoHealthIndicator(RepoClients repo) {
        this.repo = repo;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        ConnectivityState state = repo.channel().getState(true);
        // IDLE/CONNECTING 视为正常：通道按需连接，只有持续失败才算不可达
        HealthStatus status = state == ConnectivityState.TRANSIENT_FAILURE || state == ConnectivityState.SHUTDOWN
                ? HealthStatus.DOWN : HealthStatus.UP;
        return Publishers.just(HealthResult.builder("repo-app", status).details(Map.of("channel", state.name())).build());
    }
}
