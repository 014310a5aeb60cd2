package com.acme.im.gateway.auth;

import com.acme.im.gateway.rpc.Deadlines;
import com.acme.im.gateway.trace.TraceFilter;
import com.acme.im.proto.logic.v1.AuthServiceGrpc;
import com.acme.im.proto.logic.v1.ValidateTokenRequest;
import com.acme.im.proto.logic.v1.ValidateTokenResponse;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.GrpcErrors;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.trace.TraceContext;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.nimbusds.jwt.JWT;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.JsonWebTokenValidator;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.Executor;

/**
 * 访问令牌校验 = 本地验签（HS256、过期、签发者）+ 向 logic 查询吊销状态。
 * 只有验签通过才调用 logic，伪造或过期的令牌不会给下游带来负载；不缓存结果，登出立即在所有网关生效。
 * 框架自带的响应式 JWT 校验器已在配置中关闭，由本类替代，否则它会绕过吊销检查先行放行。
 */
@Singleton
public class RevocationCheckingTokenValidator implements TokenValidator<HttpRequest<?>> {

    /** Authentication 属性：用户名。 */
    public static final String ATTR_USERNAME = "username";
    /** Authentication 属性：令牌族（会话）ID，登出吊销时按它关闭连接。 */
    public static final String ATTR_SESSION_ID = "sid";

    private final JsonWebTokenValidator<JWT, HttpRequest<?>> jwtValidator;
    private final AuthServiceGrpc.AuthServiceFutureStub auth;
    private final Deadlines deadlines;

    public RevocationCheckingTokenValidator(JsonWebTokenValidator<JWT, HttpRequest<?>> jwtValidator,
                                            AuthServiceGrpc.AuthServiceFutureStub auth,
                                            Deadlines deadlines) {
        this.jwtValidator = jwtValidator;
        this.auth = auth;
        this.deadlines = deadlines;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, @Nullable HttpRequest<?> request) {
        if (jwtValidator.validate(token, request).isEmpty()) {
            return Mono.empty();
        }
        ListenableFuture<ValidateTokenResponse> future;
        // 在发起调用的线程上放好追踪 ID，gRPC 客户端拦截器据此写入元数据
        try (TraceContext.Scope ignored = TraceContext.open(request == null ? null : TraceFilter.traceIdOf(request))) {
            future = deadlines.logic(auth).validateToken(ValidateTokenRequest.newBuilder().setAccessToken(token).build());
        }
        return Mono.<ValidateTokenResponse>create(sink -> Futures.addCallback(future, new FutureCallback<>() {
                    @Override
                    public void onSuccess(ValidateTokenResponse result) {
                        sink.success(result);
                    }

                    @Override
                    public void onFailure(Throwable t) {
                        sink.error(t);
                    }
                }, callbackExecutor(request)))
                .map(RevocationCheckingTokenValidator::toAuthentication)
                .onErrorResume(t -> {
                    ImException e = GrpcErrors.fromThrowable(t);
                    // 1002：已吊销或无效，按未登录处理；其他（logic 不可用等）如实上抛为 1007/1000
                    return e.errorCode() == ErrorCode.UNAUTHORIZED ? Mono.empty() : Mono.error(e);
                });
    }

    /**
     * 回调切回该连接的 Netty 事件循环：若在 gRPC 线程上完成，WebSocket 升级的 101 响应与管道切换会和后续读帧竞争，
     * 客户端握手后立即发出的帧可能落到旧的 HTTP 处理器上而丢失（micronaut-core #11252，修复只在更新的版本中）。
     */
    static Executor callbackExecutor(@Nullable HttpRequest<?> request) {
        if (request instanceof NettyHttpRequest<?> netty) {
            return netty.getChannelHandlerContext().channel().eventLoop();
        }
        return MoreExecutors.directExecutor();
    }

    static Authentication toAuthentication(ValidateTokenResponse r) {
        return Authentication.build(Long.toString(r.getUserId()),
                Map.of(ATTR_USERNAME, r.getUsername(), ATTR_SESSION_ID, r.getSessionId()));
    }
}
