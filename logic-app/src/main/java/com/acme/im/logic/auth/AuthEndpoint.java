package com.acme.im.logic.auth;

import com.acme.im.proto.logic.v1.AuthServiceGrpc;
import com.acme.im.proto.logic.v1.LoginRequest;
import com.acme.im.proto.logic.v1.LoginResponse;
import com.acme.im.proto.logic.v1.LogoutRequest;
import com.acme.im.proto.logic.v1.LogoutResponse;
import com.acme.im.proto.logic.v1.RefreshTokenRequest;
import com.acme.im.proto.logic.v1.RefreshTokenResponse;
import com.acme.im.proto.logic.v1.RegisterRequest;
import com.acme.im.proto.logic.v1.RegisterResponse;
import com.acme.im.proto.logic.v1.ValidateTokenRequest;
import com.acme.im.proto.logic.v1.ValidateTokenResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * AuthService 的 gRPC 端点：只做协议转换，异常交给共享拦截器转成带错误码的状态。
 */
@Singleton
public class AuthEndpoint extends AuthServiceGrpc.AuthServiceImplBase {

    private final AuthService auth;

    public AuthEndpoint(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public void login(LoginRequest request, StreamObserver<LoginResponse> observer) {
        AuthResult r = auth.login(request.getUsername(), request.getPassword(), request.getDeviceId());
        observer.onNext(LoginResponse.newBuilder().setTokens(r.tokens()).setUser(r.user()).build());
        observer.onCompleted();
    }

    @Override
    public void register(RegisterRequest request, StreamObserver<RegisterResponse> observer) {
        AuthResult r = auth.register(request.getUsername(), request.getPassword(), request.getNickname());
        observer.onNext(RegisterResponse.newBuilder().setUser(r.user()).setTokens(r.tokens()).build());
        observer.onCompleted();
    }

    @Override
    public void refreshToken(RefreshTokenRequest request, StreamObserver<RefreshTokenResponse> observer) {
        AuthResult r = auth.refresh(request.getRefreshToken());
        observer.onNext(RefreshTokenResponse.newBuilder().setTokens(r.tokens()).build());
        observer.onCompleted();
    }

    @Override
    public void logout(LogoutRequest request, StreamObserver<LogoutResponse> observer) {
        auth.logout(request.getAccessToken());
        observer.onNext(LogoutResponse.getDefaultInstance());
        observer.onCompleted();
    }

    @Override
    public void validateToken(ValidateTokenRequest request, StreamObserver<ValidateTokenResponse> observer) {
        AccessTokenClaims c = auth.validate(request.getAccessToken());
        observer.onNext(ValidateTokenResponse.newBuilder()
                .setUserId(c.userId())
                .setUsername(c.username() == null ? "" : c.username())
                .setSessionId(c.sessionId())
                .setExpiresAt(c.expiresAt())
                .build());
        observer.onCompleted();
    }
}
