package com.acme.im.gateway.error;

import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.error.ErrorCode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 兜底：没有更具体处理器的异常记录完整堆栈，客户端只得到 1000 与追踪 ID。
 */
@Singleton
public class UnexpectedExceptionHandler implements ExceptionHandler<Exception, HttpResponse<ErrorBody>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionHandler.class);

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, Exception exception) {
        LOG.error("unexpected error on {} {}", request.getMethod(), request.getPath(), exception);
        return ErrorResponses.of(request, ErrorCode.INTERNAL, ErrorCode.INTERNAL.defaultMessage());
    }
}
