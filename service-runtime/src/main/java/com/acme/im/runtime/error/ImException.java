package com.acme.im.runtime.error;

/**
 * 携带业务错误码的异常；在 gRPC、HTTP、WebSocket 边界被转换成对应的错误表示。
 */
public class ImException extends RuntimeException {

    private final ErrorCode errorCode;

    public ImException(ErrorCode errorCode) {
        this(errorCode, errorCode.defaultMessage());
    }

    public ImException(ErrorCode errorCode, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
    }

    public ImException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause, false, false);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public int code() {
        return errorCode.code();
    }
}
