package com.acme.im.gateway.error;

import com.acme.im.gateway.trace.TraceFilter;
import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/**
 * 把业务错误变成统一的 HTTP 错误响应：状态取自 ErrorCode，响应体为 ErrorBody，头带追踪 ID。
 * 所有异常处理器都经由这里，保证格式只有一种。
 */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static MutableHttpResponse<ErrorBody> of(HttpRequest<?> request, ImException e) {
        String traceId = TraceFilter.traceIdOf(request);
        return HttpResponse.<ErrorBody>status(HttpStatus.valueOf(e.errorCode().httpStatus()))
                .body(ErrorBody.of(e, traceId));
    }

    public static MutableHttpResponse<ErrorBody> of(HttpRequest<?> request, ErrorCode code, String message) {
        return of(request, new ImException(code, message));
    }

    /** 按框架给出的 HTTP 状态推断错误码：客户端错误绝不落到 1000。 */
    public static ErrorCode codeForStatus(int status) {
        return switch (status) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404, 405 -> ErrorCode.NOT_FOUND;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503, 502, 504 -> ErrorCode.UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.INVALID_PARAMETER;
        };
    }
}
