package com.acme.im.gateway.error;

import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.error.ErrorCode;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * 请求体超过 micronaut.server.max-request-size：1006。
 */
@Singleton
@Replaces(ContentLengthExceededHandler.class)
public class ContentLengthExceededExceptionHandler implements ExceptionHandler<ContentLengthExceededException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, ContentLengthExceededException exception) {
        return ErrorResponses.of(request, ErrorCode.PAYLOAD_TOO_LARGE, "request body too large");
    }
}
