package com.acme.im.push;

/**
 * 推送服务返回非 2xx 或无法连接：由分发器重试，耗尽后进入死信。
 */
public class PushProviderException extends RuntimeException {

    public PushProviderException(String message) {
        super(message);
    }

    public PushProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
