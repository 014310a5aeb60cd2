package com.acme.im.gateway.error;

import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.error.ErrorCode;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * 参数或字段类型不对（如 page=abc、"seq":"x"）：1001，并指出是哪个参数。
 */
@Singleton
@Replaces(ConversionErrorHandler.class)
public class ConversionErrorExceptionHandler implements ExceptionHandler<ConversionErrorException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, ConversionErrorException exception) {
        return ErrorResponses.of(request, ErrorCode.INVALID_PARAMETER,
                "invalid value for '" + exception.getArgument().getName() + "'");
    }
}
