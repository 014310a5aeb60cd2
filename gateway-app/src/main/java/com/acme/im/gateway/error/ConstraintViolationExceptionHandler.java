package com.acme.im.gateway.error;

import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.error.ErrorCode;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;

import java.util.stream.Collectors;

/**
 * 校验失败：1001，消息列出每个违规字段，去掉方法名前缀让客户端看得懂。
 */
@Singleton
@Replaces(ConstraintExceptionHandler.class)
public class ConstraintViolationExceptionHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, ConstraintViolationException exception) {
        String message = exception.getConstraintViolations().stream()
                .map(ConstraintViolationExceptionHandler::describe)
                .sorted()
                .collect(Collectors.joining("; "));
        return ErrorResponses.of(request, ErrorCode.INVALID_PARAMETER, message.isEmpty() ? "invalid parameter" : message);
    }

    private static String describe(ConstraintViolation<?> violation) {
        String field = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null) {
                field = node.getName();
            }
        }
        return (field == null ? "" : field + ": ") + violation.getMessage();
    }
}
