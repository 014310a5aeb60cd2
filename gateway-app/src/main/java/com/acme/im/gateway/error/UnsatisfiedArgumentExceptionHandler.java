package com.acme.im.gateway.error;

import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.error.ErrorCode;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.UnsatisfiedArgumentHandler;
import jakarta.inject.Singleton;

/**
 * 缺少必需参数：1001。
 */
@Singleton
@Replaces(UnsatisfiedArgumentHandler.class)
public class UnsatisfiedArgumentExceptionHandler implements ExceptionHandler<UnsatisfiedArgumentException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, UnsatisfiedArgumentException exception) {
        return ErrorResponses.of(request, ErrorCode.INVALID_PARAMETER,
                "missing required argument '" + exception.getArgument().getName() + "'");
    }
}
