package com.acme.im.gateway.ws;

import com.acme.im.gateway.error.ErrorResponses;
import com.acme.im.runtime.error.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;

/**
 * /ws 升级的容量检查：网关已满（连接数到 im.gateway.max-connections）或正在停机时直接回 503 与 ErrorBody（1008），
 * 排在安全过滤器之前，所以被拒的升级不会去验令牌、更不会调用 logic。
 * 计数与升级之间不加锁：同时在途的升级可能让连接数略超上限，上限本身已为此留有文件描述符余量。
 */
@Filter("/ws")
public class UpgradeCapacityFilter implements HttpServerFilter {

    private final ConnectionRegistry registry;
    private final ConnectionLimits limits;
    private final WebSocketDrainer drainer;
    private final Counter refusedFull;
    private final Counter refusedDraining;

    public UpgradeCapacityFilter(ConnectionRegistry registry, ConnectionLimits limits, WebSocketDrainer drainer,
                                 MeterRegistry meters) {
        this.registry = registry;
        this.limits = limits;
        this.drainer = drainer;
        this.refusedFull = meters.counter("im.gateway.ws.refused", "reason", "full");
        this.refusedDraining = meters.counter("im.gateway.ws.refused", "reason", "draining");
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (drainer.isDraining()) {
            refusedDraining.increment();
            return Publishers.just(ErrorResponses.of(request, ErrorCode.SERVER_BUSY, "gateway is shutting down, connect to another one"));
        }
        int max = limits.maxConnections();
        if (registry.size() >= max) {
            refusedFull.increment();
            return Publishers.just(ErrorResponses.of(request, ErrorCode.SERVER_BUSY,
                    "gateway is at its connection limit (" + max + "), retry later or connect to another one"));
        }
        return chain.proceed(request);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }
}
