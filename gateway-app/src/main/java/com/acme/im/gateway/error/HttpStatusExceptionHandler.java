package com.acme.im.gateway.error;

import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.error.ErrorCode;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.HttpStatusHandler;
import jakarta.inject.Singleton;

/**
 * 框架以 HTTP 状态表达的错误（未知路由 404、不支持的媒体类型 415 等）：按状态换成错误码。
 */
@Singleton
@Replaces(HttpStatusHandler.class)
public class HttpStatusExceptionHandler implements ExceptionHandler<HttpStatusException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, HttpStatusException exception) {
        ErrorCode code = ErrorResponses.codeForStatus(exception.getStatus().getCode());
        String message = code == ErrorCode.INTERNAL ? code.defaultMessage() : exception.getMessage();
        return ErrorResponses.of(request, code, message == null ? code.defaultMessage() : message);
    }
}
