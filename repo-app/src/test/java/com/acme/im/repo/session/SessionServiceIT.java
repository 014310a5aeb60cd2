package com.acme.im.repo.session;

import com.acme.im.proto.repo.v1.IsAccessTokenRevokedRequest;
import com.acme.im.proto.repo.v1.IssueRefreshTokenRequest;
import com.acme.im.proto.repo.v1.IssueRefreshTokenResponse;
import com.acme.im.proto.repo.v1.RevokeSessionRequest;
import com.acme.im.proto.repo.v1.RotateRefreshTokenRequest;
import com.acme.im.proto.repo.v1.RotateRefreshTokenResponse;
import com.acme.im.proto.repo.v1.SessionServiceGrpc;
import com.acme.im.repo.GrpcTestChannel;
import com.acme.im.repo.TestData;
import io.grpc.ManagedChannel;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 刷新令牌：签发、轮换、重放已用令牌吊销整族、会话与访问令牌吊销。
 */
@MicronautTest
class SessionServiceIT {

    @Inject
    @Named(GrpcTestChannel.NAME)
    ManagedChannel channel;

    private SessionServiceGrpc.SessionServiceBlockingStub stub() {
        return TestData.deadline(SessionServiceGrpc.newBlockingStub(channel));
    }

    private RotateRefreshTokenResponse rotate(String token) {
        return stub().rotateRefreshToken(RotateRefreshTokenRequest.newBuilder().setRefreshToken(token).build());
    }

    @Test
    void rotationAndReuseDetection() {
        long user = TestData.newUser(channel);
        IssueRefreshTokenResponse issued = stub().issueRefreshToken(IssueRefreshTokenRequest.newBuilder().setUserId(user)
                .setDeviceId("phone").setTtlSeconds(3600).build());
        assertTrue(issued.getExpiresAt() > System.currentTimeMillis());
        RotateRefreshTokenResponse rotated = rotate(issued.getRefreshToken());
        assertEquals(user, rotated.getUserId());
        assertEquals(issued.getSessionId(), rotated.getSessionId());
        assertNotEquals(issued.getRefreshToken(), rotated.getRefreshToken());

        // 重放旧令牌：拒绝，且整族吊销，连新令牌也不能再用
        assertEquals(1002, TestData.errorCode(() -> rotate(issued.getRefreshToken())));
        assertEquals(1002, TestData.errorCode(() -> rotate(rotated.getRefreshToken())));
        assertTrue(stub().isAccessTokenRevoked(IsAccessTokenRevokedRequest.newBuilder()
                .setSessionId(issued.getSessionId()).build()).getRevoked());
        assertEquals(1002, TestData.errorCode(() -> rotate("not-a-token")));
    }

    @Test
    void revokeSessionAndAccessToken() {
        long user = TestData.newUser(channel);
        IssueRefreshTokenResponse issued = stub().issueRefreshToken(IssueRefreshTokenRequest.newBuilder().setUserId(user).build());
        String jti = TestData.unique("jti");
        IsAccessTokenRevokedRequest check = IsAccessTokenRevokedRequest.newBuilder().setAccessTokenId(jti)
                .setSessionId(issued.getSessionId()).build();
        assertFalse(stub().isAccessTokenRevoked(check).getRevoked());
        stub().revokeSession(RevokeSessionRequest.newBuilder().setUserId(user).setSessionId(issued.getSessionId())
                .setAccessTokenId(jti).setAccessTokenExpiresAt(System.currentTimeMillis() + 60_000).build());
        assertTrue(stub().isAccessTokenRevoked(check).getRevoked());
        assertTrue(stub().isAccessTokenRevoked(IsAccessTokenRevokedRequest.newBuilder().setAccessTokenId(jti).build())
                .getRevoked());
        assertEquals(1002, TestData.errorCode(() -> rotate(issued.getRefreshToken())));
        assertEquals(1004, TestData.errorCode(() -> stub().revokeSession(RevokeSessionRequest.newBuilder()
                .setUserId(user + 1).setSessionId(issued.getSessionId()).build())));
        assertEquals(2000, TestData.errorCode(() -> stub().issueRefreshToken(IssueRefreshTokenRequest.newBuilder()
                .setUserId(Long.MAX_VALUE).build())));
        assertEquals(1001, TestData.errorCode(() -> stub().issueRefreshToken(IssueRefreshTokenRequest.newBuilder()
                .setUserId(user).setTtlSeconds(-1).build())));
        assertEquals(1001, TestData.errorCode(() -> stub().isAccessTokenRevoked(IsAccessTokenRevokedRequest.newBuilder().build())));
    }
}
