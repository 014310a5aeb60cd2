package com.acme.im.gateway.error;

import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.GrpcErrors;
import com.acme.im.runtime.error.ImException;
import io.grpc.StatusRuntimeException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 下游 gRPC 错误：还原 logic/repo 给出的业务错误码，原样转给客户端。
 */
@Singleton
public class StatusRuntimeExceptionHandler implements ExceptionHandler<StatusRuntimeException, HttpResponse<ErrorBody>> {

    private static final Logger LOG = LoggerFactory.getLogger(StatusRuntimeExceptionHandler.class);

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, StatusRuntimeException exception) {
        ImException im = GrpcErrors.fromThrowable(exception);
        if (im.errorCode() == ErrorCode.INTERNAL || im.errorCode() == ErrorCode.UNAVAILABLE) {
            // 下游故障需要运维关注；业务错误（如 2002）属正常流量，不记
            LOG.warn("request {} {}: downstream call failed: {}", request.getMethod(), request.getPath(), exception.getStatus());
        }
        return ErrorResponses.of(request, im.errorCode() == ErrorCode.INTERNAL
                ? new ImException(ErrorCode.INTERNAL) : im);
    }
}
