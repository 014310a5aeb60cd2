package com.acme.im.repo.session;

import com.acme.im.proto.repo.v1.CheckSessionRequest;
import com.acme.im.proto.repo.v1.CheckSessionResponse;
import com.acme.im.proto.repo.v1.IsAccessTokenRevokedRequest;
import com.acme.im.proto.repo.v1.IssueRefreshTokenRequest;
import com.acme.im.proto.repo.v1.IssueRefreshTokenResponse;
import com.acme.im.proto.repo.v1.ListSessionsRequest;
import com.acme.im.proto.repo.v1.OnlineStatusServiceGrpc;
import com.acme.im.proto.repo.v1.PushSettingServiceGrpc;
import com.acme.im.proto.repo.v1.PushToken;
import com.acme.im.proto.repo.v1.RegisterPushTokenRequest;
import com.acme.im.proto.repo.v1.RevokeSessionRequest;
import com.acme.im.proto.repo.v1.RotateRefreshTokenRequest;
import com.acme.im.proto.repo.v1.RotateRefreshTokenResponse;
import com.acme.im.proto.repo.v1.SessionInfo;
import com.acme.im.proto.repo.v1.SessionServiceGrpc;
import com.acme.im.proto.repo.v1.SetUserOnlineRequest;
import com.acme.im.repo.GrpcTestChannel;
import com.acme.im.repo.TestData;
import com.acme.im.runtime.delivery.ConnectionIds;
import io.grpc.ManagedChannel;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 刷新令牌：签发、轮换、重放已用令牌吊销整族、会话与访问令牌吊销、有效会话列表（设备）。
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
    void listsLiveSessionsWithPlatformAndOnlineGateways() {
        long user = TestData.newUser(channel);
        IssueRefreshTokenResponse phone = stub().issueRefreshToken(IssueRefreshTokenRequest.newBuilder().setUserId(user)
                .setDeviceId("phone-1").build());
        IssueRefreshTokenResponse web = stub().issueRefreshToken(IssueRefreshTokenRequest.newBuilder().setUserId(user).build());
        IssueRefreshTokenResponse gone = stub().issueRefreshToken(IssueRefreshTokenRequest.newBuilder().setUserId(user)
                .setDeviceId("old-tablet").build());
        stub().revokeSession(RevokeSessionRequest.newBuilder().setUserId(user).setSessionId(gone.getSessionId()).build());
        TestData.deadline(PushSettingServiceGrpc.newBlockingStub(channel)).registerPushToken(RegisterPushTokenRequest.newBuilder()
                .setEnabled(true).setToken(PushToken.newBuilder().setUserId(user).setDeviceId("phone-1").setPlatform("apns")
                        .setToken(TestData.unique("tok"))).build());
        // phone-1 的会话在网关 gw-a 上有连接（连接 ID 带令牌族 ID），另有一个旧格式连接不计入任何会话
        var presence = TestData.deadline(OnlineStatusServiceGrpc.newBlockingStub(channel));
        presence.setUserOnline(SetUserOnlineRequest.newBuilder().setUserId(user).setGatewayId("gw-a")
                .setConnectionId(ConnectionIds.newId(phone.getSessionId())).build());
        presence.setUserOnline(SetUserOnlineRequest.newBuilder().setUserId(user).setGatewayId("gw-b")
                .setConnectionId(UUID.randomUUID().toString()).build());
        RotateRefreshTokenResponse rotated = rotate(web.getRefreshToken());

        List<SessionInfo> sessions = stub().listSessions(ListSessionsRequest.newBuilder().setUserId(user).build())
                .getSessionsList();
        assertEquals(List.of(web.getSessionId(), phone.getSessionId()),
                sessions.stream().map(SessionInfo::getSessionId).toList(), "newest first, revoked session left out");
        SessionInfo webInfo = sessions.get(0);
        assertEquals("", webInfo.getDeviceId());
        assertEquals("", webInfo.getPlatform());
        assertEquals(List.of(), webInfo.getGatewayIdsList());
        assertTrue(webInfo.getLastSeenAt() >= webInfo.getCreatedAt(), "last seen is the latest refresh");
        SessionInfo phoneInfo = sessions.get(1);
        assertEquals("phone-1", phoneInfo.getDeviceId());
        assertEquals("apns", phoneInfo.getPlatform());
        assertEquals(List.of("gw-a"), phoneInfo.getGatewayIdsList());
        assertNotEquals("", rotated.getRefreshToken());

        // 别的用户看不到这些会话
        long other = TestData.newUser(channel);
        assertEquals(0, stub().listSessions(ListSessionsRequest.newBuilder().setUserId(other).build()).getSessionsCount());
        assertEquals(1001, TestData.errorCode(() -> stub().listSessions(ListSessionsRequest.newBuilder().setUserId(0).build())));
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

    private CheckSessionResponse.State check(long user, String sessionId, String jti) {
        return stub().checkSession(CheckSessionRequest.newBuilder().setUserId(user).setSessionId(sessionId)
                .setAccessTokenId(jti).build()).getState();
    }

    @Test
    void checkSessionRequiresAnIssuedLiveSessionOfTheSameUser() {
        long user = TestData.newUser(channel);
        long other = TestData.newUser(channel);
        IssueRefreshTokenResponse issued = stub().issueRefreshToken(IssueRefreshTokenRequest.newBuilder().setUserId(user).build());
        String jti = TestData.unique("jti");
        assertEquals(CheckSessionResponse.State.STATE_LIVE, check(user, issued.getSessionId(), jti));
        assertEquals(CheckSessionResponse.State.STATE_LIVE, check(user, issued.getSessionId(), ""));
        // 从未签发的 sid：只问“是否吊销”会得到否，这里必须是 UNKNOWN
        assertEquals(CheckSessionResponse.State.STATE_UNKNOWN, check(user, UUID.randomUUID().toString(), jti));
        assertFalse(stub().isAccessTokenRevoked(IsAccessTokenRevokedRequest.newBuilder()
                .setSessionId(UUID.randomUUID().toString()).setAccessTokenId(jti).build()).getRevoked());
        // 别人的会话
        assertEquals(CheckSessionResponse.State.STATE_UNKNOWN, check(other, issued.getSessionId(), jti));

        stub().revokeSession(RevokeSessionRequest.newBuilder().setUserId(user).setSessionId(issued.getSessionId())
                .setAccessTokenId(jti).setAccessTokenExpiresAt(System.currentTimeMillis() + 60_000).build());
        assertEquals(CheckSessionResponse.State.STATE_REVOKED, check(user, issued.getSessionId(), "another-jti"));
        assertEquals(CheckSessionResponse.State.STATE_REVOKED, check(user, issued.getSessionId(), jti));
        assertEquals(1001, TestData.errorCode(() -> check(user, "", jti)));
        assertEquals(1001, TestData.errorCode(() -> check(0, issued.getSessionId(), jti)));
    }

    @Test
    void reportedReuseNamesTheRevokedSessionInsteadOfFailing() {
        long user = TestData.newUser(channel);
        IssueRefreshTokenResponse issued = stub().issueRefreshToken(IssueRefreshTokenRequest.newBuilder().setUserId(user).build());
        RotateRefreshTokenRequest.Builder request = RotateRefreshTokenRequest.newBuilder()
                .setRefreshToken(issued.getRefreshToken()).setReportReuse(true);
        RotateRefreshTokenResponse rotated = stub().rotateRefreshToken(request.build());
        assertFalse(rotated.getReuseDetected());
        assertFalse(rotated.getRefreshToken().isEmpty());

        RotateRefreshTokenResponse reused = stub().rotateRefreshToken(request.build());
        assertTrue(reused.getReuseDetected());
        assertEquals(user, reused.getUserId());
        assertEquals(issued.getSessionId(), reused.getSessionId());
        assertTrue(reused.getRefreshToken().isEmpty());
        assertEquals(CheckSessionResponse.State.STATE_REVOKED, check(user, issued.getSessionId(), ""));
        // 族已吊销后再用新令牌：普通的 1002，不是重放
        assertEquals(1002, TestData.errorCode(() -> stub().rotateRefreshToken(request.clone()
                .setRefreshToken(rotated.getRefreshToken()).build())));
    }
}
