package com.acme.im.gateway.admission;

import com.acme.im.gateway.error.ErrorResponses;
import com.acme.im.runtime.error.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * /api 请求的在途上限：超出 im.gateway.rest.max-in-flight 时直接回 503（1008）+ Retry-After，排在安全过滤器之前，
 * 被拒的请求不验令牌、不调用下游。
 * 为什么：控制器在有界 io 线程池上同步调用 gRPC，过载时请求在队列里越积越多，客户端超时走掉后仍会被逐个处理，
 * 恢复要等积压清空（开环压测下整段时间全部超时）；有了上限，过载只让超出的那部分请求快速失败、可重试。
 */
@Filter("/api/**")
public class RestAdmissionFilter implements HttpServerFilter {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final int maxInFlight;
    private final String retryAfter;
    private final Counter refused;

    public RestAdmissionFilter(AdmissionConfiguration configuration, MeterRegistry meters) {
        if (configuration.getMaxInFlight() < 1) {
            throw new IllegalArgumentException("im.gateway.rest.max-in-flight must be at least 1");
        }
        this.maxInFlight = configuration.getMaxInFlight();
        this.retryAfter = Integer.toString(Math.max(1, configuration.getRetryAfterSeconds()));
        this.refused = meters.counter("im.gateway.rest.refused", "reason", "overload");
        Gauge.builder("im.gateway.rest.in_flight", inFlight, AtomicInteger::get)
                .description("REST requests being handled or queued on this gateway").register(meters);
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            refused.increment();
            MutableHttpResponse<?> busy = ErrorResponses.of(request, ErrorCode.SERVER_BUSY,
                    "gateway is overloaded (" + maxInFlight + " requests in flight), retry later");
            busy.header(HttpHeaders.RETRY_AFTER, retryAfter);
            return Publishers.just(busy);
        }
        // 响应发出、出错或客户端断开（取消）时都要归还名额
        return Flux.from(chain.proceed(request)).doFinally(signal -> inFlight.decrementAndGet());
    }

    /** 当前在途请求数（测试与指标用）。 */
    int inFlight() {
        return inFlight.get();
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before() - 1;
    }
}
