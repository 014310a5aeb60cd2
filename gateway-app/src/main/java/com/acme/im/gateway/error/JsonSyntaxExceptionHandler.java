package com.acme.im.gateway.error;

import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.error.ErrorCode;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JsonExceptionHandler;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;

/**
 * 请求体不是合法 JSON：客户端错误 1001。
 */
@Singleton
@Replaces(JsonExceptionHandler.class)
public class JsonSyntaxExceptionHandler implements ExceptionHandler<JsonSyntaxException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, JsonSyntaxException exception) {
        return ErrorResponses.of(request, ErrorCode.INVALID_PARAMETER, "malformed JSON body");
    }
}
