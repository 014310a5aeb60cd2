package com.acme.im.gateway.auth;

import com.acme.im.gateway.rpc.AsyncCalls;
import com.acme.im.gateway.rpc.Deadlines;
import com.acme.im.gateway.trace.TraceFilter;
import com.acme.im.proto.logic.v1.AuthServiceGrpc;
import com.acme.im.proto.logic.v1.ValidateTokenRequest;
import com.acme.im.proto.logic.v1.ValidateTokenResponse;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.GrpcErrors;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.trace.TraceContext;
import com.google.common.util.concurrent.ListenableFuture;
import com.nimbusds.jwt.JWT;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.JsonWebTokenValidator;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * 访问令牌校验 = 本地验签（HS256、过期、签发者；同一令牌只验一次，见 VerifiedTokenCache）+ 会话有效性（会话存在、属于该用户、未吊销）。
 * 会话有效性先查本地 SessionValidityCache，未命中才问 logic（logic 再问 repo/MariaDB），结论写回缓存；
 * 登出等吊销经 Kafka 广播到每个网关（SessionRevocationListener）直接改写缓存，所以缓存不会让登出延迟生效。
 * 只有验签通过才看缓存或调用 logic，伪造或过期的令牌不会给下游带来负载。
 * 框架自带的响应式 JWT 校验器已在配置中关闭，由本类替代，否则它会绕过会话检查先行放行。
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
    private final SessionValidityCache sessions;
    private final VerifiedTokenCache verifiedTokens;
    private final Counter cacheValid;
    private final Counter cacheRejected;
    private final Counter logicValid;
    private final Counter logicRejected;

    public RevocationCheckingTokenValidator(JsonWebTokenValidator<JWT, HttpRequest<?>> jwtValidator,
                                            AuthServiceGrpc.AuthServiceFutureStub auth,
                                            Deadlines deadlines,
                                            SessionValidityCache sessions,
                                            VerifiedTokenCache verifiedTokens,
                                            MeterRegistry meters) {
        this.jwtValidator = jwtValidator;
        this.auth = auth;
        this.deadlines = deadlines;
        this.sessions = sessions;
        this.verifiedTokens = verifiedTokens;
        this.cacheValid = checks(meters, "cache", "valid");
        this.cacheRejected = checks(meters, "cache", "rejected");
        this.logicValid = checks(meters, "logic", "valid");
        this.logicRejected = checks(meters, "logic", "rejected");
    }

    /** 会话检查计数：source=cache 表示没有调用 logic。 */
    private static Counter checks(MeterRegistry meters, String source, String result) {
        return meters.counter("im.gateway.auth.session_checks", "source", source, "result", result);
    }

    @Override
    public Publisher<Authentication> validateToken(String token, @Nullable HttpRequest<?> request) {
        TokenClaims claims = verifiedTokens.claims(token, t -> jwtValidator.validate(t, request).map(TokenClaims::of).orElse(null));
        if (claims == null) {
            return Mono.empty();
        }
        switch (sessions.lookup(claims.userId(), claims.sessionId())) {
            case VALID -> {
                cacheValid.increment();
                return Mono.just(toAuthentication(claims));
            }
            case REVOKED -> {
                cacheRejected.increment();
                return Mono.empty();
            }
            default -> {
                return askLogic(token, claims, request);
            }
        }
    }

    /** 缓存未命中：问 logic，并把结论（有效，或 1002 否定）写回缓存；其他错误不缓存。 */
    private Mono<Authentication> askLogic(String token, TokenClaims claims, @Nullable HttpRequest<?> request) {
        ListenableFuture<ValidateTokenResponse> future;
        // 在发起调用的线程上放好追踪 ID，gRPC 客户端拦截器据此写入元数据
        try (TraceContext.Scope ignored = TraceContext.open(request == null ? null : TraceFilter.traceIdOf(request))) {
            future = deadlines.logic(auth).validateToken(ValidateTokenRequest.newBuilder().setAccessToken(token).build());
        }
        return Mono.fromFuture(AsyncCalls.completable(future, request))
                .map(r -> {
                    logicValid.increment();
                    // logic 答复的就是这个令牌里的用户与会话；以防万一只在两者一致时缓存
                    if (r.getUserId() == claims.userId() && r.getSessionId().equals(claims.sessionId())) {
                        sessions.putValid(claims.userId(), claims.sessionId());
                    }
                    return toAuthentication(r);
                })
                .onErrorResume(t -> {
                    ImException e = GrpcErrors.fromThrowable(t);
                    if (e.errorCode() != ErrorCode.UNAUTHORIZED) {
                        // logic 不可用等：如实上抛为 1007/1000，不缓存
                        return Mono.error(e);
                    }
                    // 1002：会话已吊销或从未签发，验签已通过，所以否定的是会话本身，缓存到令牌过期
                    logicRejected.increment();
                    sessions.putRejected(claims.userId(), claims.sessionId(), claims.expiresAt());
                    return Mono.empty();
                });
    }

    static Authentication toAuthentication(ValidateTokenResponse r) {
        return Authentication.build(Long.toString(r.getUserId()),
                Map.of(ATTR_USERNAME, r.getUsername(), ATTR_SESSION_ID, r.getSessionId()));
    }

    /** 缓存命中时的身份：与 logic 答复的内容相同（logic 也只是回传令牌里的声明）。 */
    static Authentication toAuthentication(TokenClaims c) {
        return Authentication.build(Long.toString(c.userId()),
                Map.of(ATTR_USERNAME, c.username(), ATTR_SESSION_ID, c.sessionId()));
    }
}
