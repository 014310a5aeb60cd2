package com.acme.im.gateway.error;

import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.error.ErrorCode;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.URISyntaxHandler;
import jakarta.inject.Singleton;

import java.net.URISyntaxException;

/**
 * 非法 URI：1001。
 */
@Singleton
@Replaces(URISyntaxHandler.class)
public class UriSyntaxExceptionHandler implements ExceptionHandler<URISyntaxException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, URISyntaxException exception) {
        return ErrorResponses.of(request, ErrorCode.INVALID_PARAMETER, "malformed URI");
    }
}
