package com.acme.im.gateway.ws;

import com.acme.im.gateway.auth.AuthenticatedUser;
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
import io.micronaut.security.authentication.Authentication;
import org.reactivestreams.Publisher;

import java.util.Optional;

/**
 * /ws 升级的设备数检查：令牌通过后，若该用户在本网关已有 im.gateway.max-connections-per-user 个连接，
 * 拒绝新的这个（429 与 ErrorBody 1009），已有的设备不受影响。
 * 同一用户的升级恰好同时到达时，由 {@link ConnectionRegistry#tryRegister} 兜底（连接建立后立即以 4002 关闭）。
 */
@Filter("/ws")
public class DeviceLimitFilter implements HttpServerFilter {

    private final ConnectionRegistry registry;
    private final ConnectionLimits limits;
    private final Counter refused;

    public DeviceLimitFilter(ConnectionRegistry registry, ConnectionLimits limits, MeterRegistry meters) {
        this.registry = registry;
        this.limits = limits;
        this.refused = meters.counter("im.gateway.ws.refused", "reason", "devices");
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Optional<Authentication> authentication = request.getUserPrincipal(Authentication.class);
        if (authentication.isPresent()) {
            long userId = AuthenticatedUser.of(authentication.get()).userId();
            int max = limits.maxConnectionsPerUser();
            if (registry.countOf(userId) >= max) {
                refused.increment();
                return Publishers.just(ErrorResponses.of(request, ErrorCode.TOO_MANY_DEVICES,
                        "at most " + max + " connections per user on one gateway: close one of your other devices first"));
            }
        }
        return chain.proceed(request);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
