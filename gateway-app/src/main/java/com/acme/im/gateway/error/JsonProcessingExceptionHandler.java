package com.acme.im.gateway.error;

import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.error.ErrorCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JacksonExceptionHandler;
import jakarta.inject.Singleton;

/**
 * jackson-core 解析层抛出的错误（截断、非法字符等）：客户端错误 1001。
 */
@Singleton
@Replaces(JacksonExceptionHandler.class)
public class JsonProcessingExceptionHandler implements ExceptionHandler<JsonProcessingException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, JsonProcessingException exception) {
        return ErrorResponses.of(request, ErrorCode.INVALID_PARAMETER, "malformed JSON body");
    }
}
