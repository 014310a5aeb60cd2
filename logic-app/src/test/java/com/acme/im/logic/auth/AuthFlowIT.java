package com.acme.im.logic.auth;

import com.acme.im.logic.support.DownstreamProbe;
import com.acme.im.logic.support.LogicItSupport;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.SessionRevocation;
import com.acme.im.proto.logic.v1.LoginRequest;
import com.acme.im.proto.logic.v1.LoginResponse;
import com.acme.im.proto.logic.v1.LogoutRequest;
import com.acme.im.proto.logic.v1.RefreshTokenRequest;
import com.acme.im.proto.logic.v1.RefreshTokenResponse;
import com.acme.im.proto.logic.v1.RegisterRequest;
import com.acme.im.proto.logic.v1.RegisterResponse;
import com.acme.im.proto.logic.v1.ValidateTokenRequest;
import com.acme.im.proto.logic.v1.ValidateTokenResponse;
import com.acme.im.runtime.kafka.Topics;
import com.google.protobuf.InvalidProtocolBufferException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 注册、登录、刷新、登出与令牌校验，经 logic-app 的 gRPC 与真实 repo-app。
 */
@MicronautTest
class AuthFlowIT extends LogicItSupport {

    private ValidateTokenResponse validate(String token) {
        return auth().validateToken(ValidateTokenRequest.newBuilder().setAccessToken(token).build());
    }

    @Test
    void registerLoginRefreshLogout() {
        String username = "erin_" + run;
        RegisterResponse registered = auth().register(RegisterRequest.newBuilder()
                .setUsername(username).setPassword("s3cret-passw0rd").build());
        long userId = registered.getUser().getId();
        assertEquals("Bearer", registered.getTokens().getTokenType());
        assertEquals(7200, registered.getTokens().getExpiresIn());

        ValidateTokenResponse v = validate(registered.getTokens().getAccessToken());
        assertEquals(userId, v.getUserId());
        assertEquals(username, v.getUsername());
        assertTrue(v.getExpiresAt() > System.currentTimeMillis());

        assertEquals(2002, errorCodeOf(() -> auth().login(LoginRequest.newBuilder()
                .setUsername(username).setPassword("wrong-password").build())));
        assertEquals(2002, errorCodeOf(() -> auth().login(LoginRequest.newBuilder()
                .setUsername("nobody_" + run).setPassword("whatever-password").build())));
        LoginResponse login = auth().login(LoginRequest.newBuilder()
                .setUsername(username).setPassword("s3cret-passw0rd").setDeviceId("phone").build());
        assertEquals(userId, login.getUser().getId());
        String sessionId = validate(login.getTokens().getAccessToken()).getSessionId();
        assertNotEquals(v.getSessionId(), sessionId, "each login is its own session");

        // 刷新令牌轮换：新令牌对可用，旧刷新令牌不能再用
        RefreshTokenResponse refreshed = auth().refreshToken(RefreshTokenRequest.newBuilder()
                .setRefreshToken(login.getTokens().getRefreshToken()).build());
        assertNotEquals(login.getTokens().getRefreshToken(), refreshed.getTokens().getRefreshToken());
        ValidateTokenResponse afterRefresh = validate(refreshed.getTokens().getAccessToken());
        assertEquals(sessionId, afterRefresh.getSessionId());
        assertEquals(1002, errorCodeOf(() -> auth().refreshToken(RefreshTokenRequest.newBuilder()
                .setRefreshToken(login.getTokens().getRefreshToken()).build())));
        // 重放已用的刷新令牌会吊销整个令牌族：该会话刚换到的访问令牌也随之失效
        assertEquals(1002, errorCodeOf(() -> validate(refreshed.getTokens().getAccessToken())));

        // 登出：持有该用户连接的网关收到会话吊销事件，令牌立即失效，刷新令牌族作废
        String gateway = "it-auth-" + run;
        connect(userId, gateway, "conn-1");
        LoginResponse second = auth().login(LoginRequest.newBuilder()
                .setUsername(username).setPassword("s3cret-passw0rd").build());
        try (DownstreamProbe probe = DownstreamProbe.listen(List.of(Topics.downstream(gateway)))) {
            auth().logout(LogoutRequest.newBuilder().setAccessToken(second.getTokens().getAccessToken()).build());
            DownstreamDelivery revoked = probe.awaitDelivery(Topics.downstream(gateway), DownstreamDelivery::hasSessionRevoked);
            assertEquals(userId, revoked.getSessionRevoked().getUserId());
            assertEquals(validateSession(second), revoked.getSessionRevoked().getSessionId());
            assertEquals(userId, revoked.getTargets(0).getUserId());
        }
        assertEquals(1002, errorCodeOf(() -> validate(second.getTokens().getAccessToken())));
        assertEquals(1002, errorCodeOf(() -> auth().refreshToken(RefreshTokenRequest.newBuilder()
                .setRefreshToken(second.getTokens().getRefreshToken()).build())));
        // 其他会话（注册时的会话）不受影响
        assertEquals(userId, validate(registered.getTokens().getAccessToken()).getUserId());
    }

    private String validateSession(LoginResponse login) {
        // 会话 ID 就是 JWT 中的 sid；这里直接解码载荷，不依赖已被吊销的令牌能否通过校验
        String payload = new String(java.util.Base64.getUrlDecoder().decode(login.getTokens().getAccessToken().split("\\.")[1]));
        int i = payload.indexOf("\"sid\":\"") + 7;
        return payload.substring(i, payload.indexOf('"', i));
    }

    @Test
    void registrationErrors() {
        String username = "frank_" + run;
        auth().register(RegisterRequest.newBuilder().setUsername(username).setPassword("long-enough-pw").build());
        assertEquals(2001, errorCodeOf(() -> auth().register(RegisterRequest.newBuilder()
                .setUsername(username).setPassword("long-enough-pw").build())));
        assertEquals(1001, errorCodeOf(() -> auth().register(RegisterRequest.newBuilder()
                .setUsername("x").setPassword("long-enough-pw").build())));
        assertEquals(1001, errorCodeOf(() -> auth().register(RegisterRequest.newBuilder()
                .setUsername("ok_name_" + run).setPassword("short").build())));
    }

    @Test
    void correctlySignedTokenOfANeverIssuedOrForeignSessionIsUnauthorized() {
        RegisterResponse alice = auth().register(RegisterRequest.newBuilder()
                .setUsername("gina_" + run).setPassword("s3cret-passw0rd").build());
        RegisterResponse bob = auth().register(RegisterRequest.newBuilder()
                .setUsername("hank_" + run).setPassword("s3cret-passw0rd").build());
        AccessTokenService signer = context.getBean(AccessTokenService.class);
        long aliceId = alice.getUser().getId();
        // 签名、签发者、过期都正确，但 sid 从未签发：只查吊销表会放行它
        String neverIssued = signer.issue(aliceId, "gina_" + run, UUID.randomUUID().toString()).token();
        assertEquals(1002, errorCodeOf(() -> validate(neverIssued)));
        // 真实存在的会话，但属于另一个用户
        String bobSession = validate(bob.getTokens().getAccessToken()).getSessionId();
        String foreign = signer.issue(aliceId, "gina_" + run, bobSession).token();
        assertEquals(1002, errorCodeOf(() -> validate(foreign)));
        // 对照：同一签发器为真实会话签的令牌可用
        String aliceSession = validate(alice.getTokens().getAccessToken()).getSessionId();
        assertEquals(aliceId, validate(signer.issue(aliceId, "gina_" + run, aliceSession).token()).getUserId());
    }

    @Test
    void logoutAndRefreshTokenReuseBroadcastTheRevocation() {
        RegisterResponse user = auth().register(RegisterRequest.newBuilder()
                .setUsername("ivan_" + run).setPassword("s3cret-passw0rd").build());
        long userId = user.getUser().getId();
        LoginResponse phone = auth().login(LoginRequest.newBuilder()
                .setUsername("ivan_" + run).setPassword("s3cret-passw0rd").build());
        try (DownstreamProbe probe = DownstreamProbe.listen(List.of(Topics.SESSION_REVOCATIONS))) {
            // 登出返回时广播已被 Kafka 确认
            String loggedOut = validate(user.getTokens().getAccessToken()).getSessionId();
            auth().logout(LogoutRequest.newBuilder().setAccessToken(user.getTokens().getAccessToken()).build());
            awaitRevocation(probe, userId, loggedOut);

            // 刷新令牌重放：repo 吊销整族，logic 广播
            String reused = validate(phone.getTokens().getAccessToken()).getSessionId();
            auth().refreshToken(RefreshTokenRequest.newBuilder().setRefreshToken(phone.getTokens().getRefreshToken()).build());
            assertEquals(1002, errorCodeOf(() -> auth().refreshToken(RefreshTokenRequest.newBuilder()
                    .setRefreshToken(phone.getTokens().getRefreshToken()).build())));
            awaitRevocation(probe, userId, reused);
        }
    }

    private static SessionRevocation awaitRevocation(DownstreamProbe probe, long userId, String sessionId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<SessionRevocation> seen = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : probe.records()) {
                if (r.topic().equals(Topics.SESSION_REVOCATIONS)) {
                    SessionRevocation rev = parse(r.value());
                    assertEquals(Long.toString(rev.getUserId()), r.key(), "keyed by user id");
                    seen.add(rev);
                }
            }
            return seen.stream().filter(rev -> rev.getUserId() == userId && rev.getSessionId().equals(sessionId)
                    && rev.getRevokedAt() > 0).findFirst().orElse(null);
        }, rev -> rev != null);
    }

    private static SessionRevocation parse(byte[] value) {
        try {
            return SessionRevocation.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void garbageTokensAreUnauthorized() {
        assertEquals(1002, errorCodeOf(() -> validate("not-a-jwt")));
        assertEquals(1002, errorCodeOf(() -> validate("")));
        assertEquals(1002, errorCodeOf(() -> auth().logout(LogoutRequest.newBuilder().setAccessToken("x.y.z").build())));
    }
}
