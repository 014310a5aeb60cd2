package com.acme.im.gateway.error;

import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.error.ErrorCode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.codec.CodecException;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 编解码失败：解码请求体失败（类型不符、结构不对）是客户端错误 1001；编码响应失败是我们的错误 1000。
 */
@Singleton
public class CodecExceptionHandler implements ExceptionHandler<CodecException, HttpResponse<ErrorBody>> {

    private static final Logger LOG = LoggerFactory.getLogger(CodecExceptionHandler.class);

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, CodecException exception) {
        String message = exception.getMessage();
        if (message != null && message.startsWith("Error encoding")) {
            LOG.error("response encoding failed for {} {}", request.getMethod(), request.getPath(), exception);
            return ErrorResponses.of(request, ErrorCode.INTERNAL, ErrorCode.INTERNAL.defaultMessage());
        }
        return ErrorResponses.of(request, ErrorCode.INVALID_PARAMETER, "request body does not match the expected fields and types");
    }
}
