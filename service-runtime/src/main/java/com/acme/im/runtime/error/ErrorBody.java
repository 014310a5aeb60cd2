package com.acme.im.runtime.error;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * HTTP 错误响应体 {code, message, trace_id}，所有应用的 REST 错误统一使用。
 */
@Serdeable
public record ErrorBody(int code, String message, @JsonProperty("trace_id") String traceId) {

    public static ErrorBody of(ImException e, String traceId) {
        return new ErrorBody(e.code(), e.getMessage(), traceId);
    }
}
