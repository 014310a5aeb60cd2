package com.acme.im.logic.auth;

import com.acme.im.proto.event.v1.SessionRevocation;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.trace.TraceContext;
import jakarta.inject.Singleton;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * 把已在库中生效的会话吊销广播给所有网关，网关据此把本地令牌校验缓存中的该会话标记为吊销。
 * 同步等待 Kafka 确认：调用方（登出）返回时广播已落盘，各网关在 1 秒内就能读到。
 */
@Singleton
public class SessionRevocationPublisher {

    private final SessionRevocationClient client;
    private final long timeoutMillis;

    public SessionRevocationPublisher(SessionRevocationClient client, AuthConfiguration configuration) {
        this.client = client;
        this.timeoutMillis = configuration.getRevocationPublishTimeout().toMillis();
    }

    /**
     * 广播并等待确认；失败（Broker 不可用、超时）抛 1007，让调用方决定是否让请求失败。
     *
     * @param userId    会话所属用户
     * @param sessionId 被吊销的令牌族 ID
     */
    public void publish(long userId, String sessionId) {
        SessionRevocation revocation = SessionRevocation.newBuilder()
                .setUserId(userId)
                .setSessionId(sessionId)
                .setRevokedAt(System.currentTimeMillis())
                .setTraceId(TraceContext.currentOrEmpty())
                .build();
        try {
            client.send(Long.toString(userId), revocation.toByteArray()).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImException(ErrorCode.UNAVAILABLE, "interrupted while broadcasting the session revocation", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // 生产者同步抛出的错误（元数据超时等）与异步失败同样处理
            throw new ImException(ErrorCode.UNAVAILABLE, "session revocation could not be broadcast", e);
        }
    }
}
