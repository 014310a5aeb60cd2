package com.acme.im.gateway.error;

import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.error.ErrorCode;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.NotAllowedException;
import jakarta.inject.Singleton;

/**
 * 路径存在但方法不对：视为该方法下没有这个路由，1004。
 */
@Singleton
@Replaces(io.micronaut.http.server.exceptions.NotAllowedExceptionHandler.class)
public class NotAllowedExceptionHandler implements ExceptionHandler<NotAllowedException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, NotAllowedException exception) {
        return ErrorResponses.of(request, ErrorCode.NOT_FOUND,
                "method " + request.getMethodName() + " not allowed on " + request.getPath());
    }
}
