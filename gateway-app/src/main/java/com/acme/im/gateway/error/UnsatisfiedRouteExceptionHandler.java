package com.acme.im.gateway.error;

import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.error.ErrorCode;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.UnsatisfiedRouteHandler;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;

/**
 * 缺少请求体、查询参数或路径变量：1001。
 */
@Singleton
@Replaces(UnsatisfiedRouteHandler.class)
public class UnsatisfiedRouteExceptionHandler implements ExceptionHandler<UnsatisfiedRouteException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, UnsatisfiedRouteException exception) {
        return ErrorResponses.of(request, ErrorCode.INVALID_PARAMETER,
                "missing required " + exception.getArgument().getName());
    }
}
