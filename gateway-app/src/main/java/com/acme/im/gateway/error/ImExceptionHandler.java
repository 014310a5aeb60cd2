package com.acme.im.gateway.error;

import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 业务异常：直接按其错误码响应；内部错误只记日志，不把细节给客户端。
 */
@Singleton
@Requires(classes = ImException.class)
public class ImExceptionHandler implements ExceptionHandler<ImException, HttpResponse<ErrorBody>> {

    private static final Logger LOG = LoggerFactory.getLogger(ImExceptionHandler.class);

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, ImException exception) {
        if (exception.errorCode() == ErrorCode.INTERNAL) {
            LOG.error("request {} {} failed", request.getMethod(), request.getPath(), exception.getCause());
            return ErrorResponses.of(request, ErrorCode.INTERNAL, ErrorCode.INTERNAL.defaultMessage());
        }
        if (exception.errorCode() == ErrorCode.UNAVAILABLE) {
            LOG.warn("request {} {}: downstream unavailable: {}", request.getMethod(), request.getPath(),
                    exception.getCause() == null ? exception.getMessage() : exception.getCause().toString());
        }
        return ErrorResponses.of(request, exception);
    }
}
