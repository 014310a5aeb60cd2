package com.acme.im.logic.auth;

import com.acme.im.runtime.delivery.DeliveryPublisher;
import com.acme.im.runtime.delivery.GatewayRouting;
import com.acme.im.logic.presence.PresenceQueryService;
import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.common.v1.User;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.SessionRevokedEvent;
import com.acme.im.proto.logic.v1.TokenPair;
import com.acme.im.proto.repo.v1.CreateUserRequest;
import com.acme.im.proto.repo.v1.GetUserRequest;
import com.acme.im.proto.repo.v1.CheckSessionRequest;
import com.acme.im.proto.repo.v1.CheckSessionResponse;
import com.acme.im.proto.repo.v1.IssueRefreshTokenRequest;
import com.acme.im.proto.repo.v1.IssueRefreshTokenResponse;
import com.acme.im.proto.repo.v1.RevokeSessionRequest;
import com.acme.im.proto.repo.v1.RotateRefreshTokenRequest;
import com.acme.im.proto.repo.v1.RotateRefreshTokenResponse;
import com.acme.im.proto.repo.v1.VerifyPasswordRequest;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * 认证业务：注册、登录、刷新令牌轮换、登出与令牌校验。
 * 密码哈希与刷新令牌只存在 repo-app，这里只签发与校验 JWT 访问令牌。
 */
@Singleton
public class AuthService {

    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);

    private final RepoClients repo;
    private final AccessTokenService tokens;
    private final AuthConfiguration configuration;
    private final PresenceQueryService presence;
    private final DeliveryPublisher deliveries;
    private final SessionRevocationPublisher revocations;

    public AuthService(RepoClients repo, AccessTokenService tokens, AuthConfiguration configuration,
                       PresenceQueryService presence, DeliveryPublisher deliveries,
                       SessionRevocationPublisher revocations) {
        this.repo = repo;
        this.tokens = tokens;
        this.configuration = configuration;
        this.presence = presence;
        this.deliveries = deliveries;
        this.revocations = revocations;
    }

    /** 注册即登录：用户名非法 1001，重复 2001（repo 返回）。 */
    public AuthResult register(String username, String password, String nickname) {
        CredentialValidator.checkUsername(username);
        CredentialValidator.checkPassword(password);
        CredentialValidator.checkNickname(nickname);
        User user = repo.users().createUser(CreateUserRequest.newBuilder()
                .setUsername(username)
                .setPassword(password)
                .setNickname(nickname == null ? "" : nickname.strip())
                .build()).getUser();
        return new AuthResult(user, newSession(user, ""));
    }

    /** 登录：未知用户与错误密码一律 2002（repo 的 VerifyPassword 已让两者耗时相同）。 */
    public AuthResult login(String username, String password, String deviceId) {
        if (username == null || username.isEmpty() || username.length() > 64 || password == null || password.isEmpty()
                || password.length() > 512) {
            throw new ImException(ErrorCode.INVALID_PASSWORD);
        }
        User user = repo.users().verifyPassword(VerifyPasswordRequest.newBuilder()
                .setUsername(username).setPassword(password).build()).getUser();
        return new AuthResult(user, newSession(user, deviceId == null ? "" : deviceId));
    }

    /**
     * 刷新令牌轮换：旧令牌作废，令牌族不变；令牌无效、过期或被重放返回 1002。
     * 重放时 repo 已吊销整个令牌族，这里再广播吊销并关闭该会话的连接，网关缓存不会继续放行其访问令牌。
     */
    public AuthResult refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isEmpty() || refreshToken.length() > 1024) {
            throw new ImException(ErrorCode.UNAUTHORIZED, "invalid refresh token");
        }
        RotateRefreshTokenResponse rotated = repo.sessions().rotateRefreshToken(RotateRefreshTokenRequest.newBuilder()
                .setRefreshToken(refreshToken)
                .setTtlSeconds(configuration.getRefreshTokenTtl().toSeconds())
                .setReportReuse(true)
                .build());
        if (rotated.getReuseDetected()) {
            try {
                revocations.publish(rotated.getUserId(), rotated.getSessionId());
            } catch (ImException e) {
                // 重放者只应看到 1002；广播失败时网关缓存最迟在 session-cache-ttl 后向 logic 复核
                LOG.warn("revocation of reused session {} not broadcast: {}", rotated.getSessionId(), e.getMessage());
            }
            closeSessionConnections(rotated.getUserId(), rotated.getSessionId());
            throw new ImException(ErrorCode.UNAUTHORIZED, "refresh token reused, session revoked");
        }
        User user = repo.users().getUser(GetUserRequest.newBuilder().setUserId(rotated.getUserId()).build()).getUser();
        AccessTokenService.IssuedAccessToken access = tokens.issue(user.getId(), user.getUsername(), rotated.getSessionId());
        return new AuthResult(user, pair(access.token(), rotated.getRefreshToken()));
    }

    /**
     * 登出：吊销访问令牌与整个刷新令牌族，广播吊销（等 Kafka 确认，网关缓存据此失效），
     * 并通知持有该用户连接的网关立即关闭此会话的连接。
     * 已过期但签名有效的令牌仍可登出，以便作废其刷新令牌族。
     * 广播失败返回 1007：库中已吊销，但有缓存的网关可能还会放行到缓存过期，客户端应重试（吊销是幂等的）。
     */
    public void logout(String accessToken) {
        AccessTokenClaims claims = tokens.verify(accessToken, true);
        repo.sessions().revokeSession(RevokeSessionRequest.newBuilder()
                .setUserId(claims.userId())
                .setSessionId(claims.sessionId())
                .setAccessTokenId(claims.tokenId())
                .setAccessTokenExpiresAt(claims.expiresAt())
                .build());
        revocations.publish(claims.userId(), claims.sessionId());
        closeSessionConnections(claims.userId(), claims.sessionId());
    }

    /**
     * 远程吊销用户的一个会话（设备管理）：与登出相同的三步——库中吊销整个令牌族、广播吊销（等 Kafka 确认）、
     * 通知网关以 4001 关闭该会话的连接。会话不存在或不属于该用户时 repo 返回 1004。
     */
    public void revokeSession(long userId, String sessionId) {
        repo.sessions().revokeSession(RevokeSessionRequest.newBuilder()
                .setUserId(userId)
                .setSessionId(sessionId)
                .build());
        revocations.publish(userId, sessionId);
        closeSessionConnections(userId, sessionId);
    }

    /**
     * 会话已在库中吊销（管理员封禁时 repo 在同一事务里吊销了全部会话）：广播吊销并通知网关以 4001 关闭其连接。
     * 广播失败抛 1007（库中已吊销，网关缓存最迟 session-cache-ttl 后向 logic 复核）。
     */
    public void broadcastRevoked(long userId, String sessionId) {
        revocations.publish(userId, sessionId);
        closeSessionConnections(userId, sessionId);
    }

    /** 通知网关关闭该会话的连接；尽力而为，失败只记日志。 */
    private void closeSessionConnections(long userId, String sessionId) {
        try {
            DownstreamDelivery event = DownstreamDelivery.newBuilder()
                    .setSessionRevoked(SessionRevokedEvent.newBuilder()
                            .setUserId(userId).setSessionId(sessionId))
                    .build();
            deliveries.publish(Long.toString(userId),
                    GatewayRouting.byGateway(presence.lookup(List.of(userId)), GatewayRouting::allConnections), event)
                    .get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            // 吊销已生效：连接最迟在下一次令牌校验时被拒绝，通知失败不让登出本身失败
            LOG.warn("session revoked event for user {} not delivered: {}", userId, e.toString());
        }
    }

    /**
     * 校验访问令牌：签名、签发者、过期，再确认会话存在、属于令牌中的用户且未吊销；任何失败都是 1002。
     * 只问“是否吊销”会放行携带从未签发的 sid 的令牌（例如密钥泄露后伪造的），所以向 repo 确认会话本身。
     */
    public AccessTokenClaims validate(String accessToken) {
        AccessTokenClaims claims = tokens.verify(accessToken);
        CheckSessionResponse.State state = repo.sessions().checkSession(CheckSessionRequest.newBuilder()
                .setUserId(claims.userId())
                .setSessionId(claims.sessionId())
                .setAccessTokenId(claims.tokenId())
                .build()).getState();
        if (state != CheckSessionResponse.State.STATE_LIVE) {
            throw new ImException(ErrorCode.UNAUTHORIZED,
                    state == CheckSessionResponse.State.STATE_REVOKED ? "token has been revoked" : "unknown session");
        }
        return claims;
    }

    private TokenPair newSession(User user, String deviceId) {
        IssueRefreshTokenResponse refresh = repo.sessions().issueRefreshToken(IssueRefreshTokenRequest.newBuilder()
                .setUserId(user.getId())
                .setDeviceId(deviceId)
                .setTtlSeconds(configuration.getRefreshTokenTtl().toSeconds())
                .build());
        AccessTokenService.IssuedAccessToken access = tokens.issue(user.getId(), user.getUsername(), refresh.getSessionId());
        return pair(access.token(), refresh.getRefreshToken());
    }

    private TokenPair pair(String accessToken, String refreshToken) {
        return TokenPair.newBuilder()
                .setAccessToken(accessToken)
                .setRefreshToken(refreshToken)
                .setExpiresIn(tokens.ttlSeconds())
                .setTokenType("Bearer")
                .build();
    }
}
