package com.acme.im.gateway.trace;

import com.acme.im.runtime.trace.TraceContext;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * 每个请求的追踪 ID：优先取客户端的 x-trace-id（格式合法时），否则新建；
 * 放进传播上下文里的 MDC，使 @ExecuteOn 的工作线程与其上发起的 gRPC 调用都带同一个 ID，并回写到响应头。
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class TraceFilter implements HttpServerFilter {

    /** 请求属性名：错误处理器据此取追踪 ID，而不依赖当前线程的 MDC。 */
    public static final String ATTRIBUTE = "im.traceId";

    // 只接受短小的安全字符，防止日志注入与超长头
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String traceId = saneOrNew(request.getHeaders().get(TraceContext.HEADER));
        request.setAttribute(ATTRIBUTE, traceId);
        Map<String, String> mdc = new HashMap<>();
        Map<String, String> current = MDC.getCopyOfContextMap();
        if (current != null) {
            mdc.putAll(current);
        }
        mdc.put(TraceContext.MDC_KEY, traceId);
        try (PropagatedContext.Scope ignored = PropagatedContext.getOrEmpty()
                .plus(new MdcPropagationContext(mdc))
                .propagate()) {
            return Publishers.map(chain.proceed(request), response -> response.header(TraceContext.HEADER, traceId));
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    /** 取请求的追踪 ID；过滤器未运行时（理论上不会）退回 MDC 或新建。 */
    public static String traceIdOf(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElseGet(TraceContext::currentOrNew);
    }

    static String saneOrNew(String candidate) {
        return candidate != null && SANE.matcher(candidate).matches() ? candidate : TraceContext.newId();
    }
}
