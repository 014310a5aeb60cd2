package com.acme.im.gateway.error;

import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.error.ErrorCode;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.exceptions.BufferLengthExceededException;
import io.micronaut.http.server.exceptions.BufferLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * 分块上传的请求体在缓冲时超限：与 Content-Length 超限同为 1006。
 */
@Singleton
@Replaces(BufferLengthExceededHandler.class)
public class BufferLengthExceededExceptionHandler implements ExceptionHandler<BufferLengthExceededException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, BufferLengthExceededException exception) {
        return ErrorResponses.of(request, ErrorCode.PAYLOAD_TOO_LARGE, "request body too large");
    }
}
