package com.acme.im.gateway.error;

import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.error.ErrorCode;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * 安全过滤器拒绝：未登录（无令牌、伪造、过期、已吊销）为 1002，已登录但无权限为 1003。
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class AuthorizationExceptionHandler implements ExceptionHandler<AuthorizationException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, AuthorizationException exception) {
        return exception.isForbidden()
                ? ErrorResponses.of(request, ErrorCode.FORBIDDEN, ErrorCode.FORBIDDEN.defaultMessage())
                : ErrorResponses.of(request, ErrorCode.UNAUTHORIZED, "missing, invalid, expired or revoked access token");
    }
}
