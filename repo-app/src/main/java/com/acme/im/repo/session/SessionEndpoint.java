package com.acme.im.repo.session;

import com.acme.im.proto.repo.v1.CheckSessionRequest;
import com.acme.im.proto.repo.v1.CheckSessionResponse;
import com.acme.im.proto.repo.v1.IsAccessTokenRevokedRequest;
import com.acme.im.proto.repo.v1.IsAccessTokenRevokedResponse;
import com.acme.im.proto.repo.v1.ListSessionsRequest;
import com.acme.im.proto.repo.v1.ListSessionsResponse;
import com.acme.im.proto.repo.v1.IssueRefreshTokenRequest;
import com.acme.im.proto.repo.v1.IssueRefreshTokenResponse;
import com.acme.im.proto.repo.v1.RevokeSessionRequest;
import com.acme.im.proto.repo.v1.RevokeSessionResponse;
import com.acme.im.proto.repo.v1.RotateRefreshTokenRequest;
import com.acme.im.proto.repo.v1.RotateRefreshTokenResponse;
import com.acme.im.proto.repo.v1.SessionInfo;
import com.acme.im.proto.repo.v1.SessionServiceGrpc;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * SessionService 的 gRPC 端点：只做 protobuf 转换。
 */
@Singleton
public class SessionEndpoint extends SessionServiceGrpc.SessionServiceImplBase {

    private final SessionService sessions;

    public SessionEndpoint(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public void issueRefreshToken(IssueRefreshTokenRequest request, StreamObserver<IssueRefreshTokenResponse> observer) {
        IssuedToken t = sessions.issue(request.getUserId(), request.getDeviceId(), request.getTtlSeconds());
        observer.onNext(IssueRefreshTokenResponse.newBuilder()
                .setRefreshToken(t.refreshToken())
                .setSessionId(t.sessionId())
                .setExpiresAt(t.expiresAt())
                .build());
        observer.onCompleted();
    }

    @Override
    public void rotateRefreshToken(RotateRefreshTokenRequest request, StreamObserver<RotateRefreshTokenResponse> observer) {
        SessionService.Rotation r = sessions.rotate(request.getRefreshToken(), request.getTtlSeconds(),
                request.getReportReuse());
        IssuedToken t = r.token();
        observer.onNext(RotateRefreshTokenResponse.newBuilder()
                .setUserId(t.userId())
                .setRefreshToken(t.refreshToken())
                .setSessionId(t.sessionId())
                .setExpiresAt(t.expiresAt())
                .setReuseDetected(r.reuseDetected())
                .build());
        observer.onCompleted();
    }

    @Override
    public void revokeSession(RevokeSessionRequest request, StreamObserver<RevokeSessionResponse> observer) {
        sessions.revoke(request.getUserId(), request.getSessionId(), request.getAccessTokenId(),
                request.getAccessTokenExpiresAt());
        observer.onNext(RevokeSessionResponse.getDefaultInstance());
        observer.onCompleted();
    }

    @Override
    public void isAccessTokenRevoked(IsAccessTokenRevokedRequest request,
                                     StreamObserver<IsAccessTokenRevokedResponse> observer) {
        boolean revoked = sessions.isRevoked(request.getAccessTokenId(), request.getSessionId());
        observer.onNext(IsAccessTokenRevokedResponse.newBuilder().setRevoked(revoked).build());
        observer.onCompleted();
    }

    @Override
    public void listSessions(ListSessionsRequest request, StreamObserver<ListSessionsResponse> observer) {
        ListSessionsResponse.Builder out = ListSessionsResponse.newBuilder();
        for (LiveSession s : sessions.list(request.getUserId())) {
            out.addSessions(SessionInfo.newBuilder()
                    .setSessionId(s.sessionId())
                    .setDeviceId(s.deviceId())
                    .setPlatform(s.platform())
                    .setCreatedAt(s.createdAt())
                    .setLastSeenAt(s.lastSeenAt())
                    .addAllGatewayIds(s.gatewayIds()));
        }
        observer.onNext(out.build());
        observer.onCompleted();
    }

    @Override
    public void checkSession(CheckSessionRequest request, StreamObserver<CheckSessionResponse> observer) {
        SessionStatus status = sessions.check(request.getUserId(), request.getSessionId(), request.getAccessTokenId());
        CheckSessionResponse.State state = switch (status) {
            case LIVE -> CheckSessionResponse.State.STATE_LIVE;
            case REVOKED -> CheckSessionResponse.State.STATE_REVOKED;
            case UNKNOWN -> CheckSessionResponse.State.STATE_UNKNOWN;
        };
        observer.onNext(CheckSessionResponse.newBuilder().setState(state).build());
        observer.onCompleted();
    }
}
