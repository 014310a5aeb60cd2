package com.acme.im.logic.auth;

import com.acme.im.logic.delivery.DeliveryPublisher;
import com.acme.im.logic.delivery.GatewayRouting;
import com.acme.im.logic.presence.PresenceQueryService;
import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.common.v1.User;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.SessionRevokedEvent;
import com.acme.im.proto.logic.v1.TokenPair;
import com.acme.im.proto.repo.v1.CreateUserRequest;
import com.acme.im.proto.repo.v1.GetUserRequest;
import com.acme.im.proto.repo.v1.IsAccessTokenRevokedRequest;
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

    public AuthService(RepoClients repo, AccessTokenService tokens, AuthConfiguration configuration,
                       PresenceQueryService presence, DeliveryPublisher deliveries) {
        this.repo = repo;
        this.tokens = tokens;
        this.configuration = configuration;
        this.presence = presence;
        this.deliveries = deliveries;
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

    /** 刷新令牌轮换：旧令牌作废，令牌族不变；令牌无效、过期或被重放返回 1002。 */
    public AuthResult refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isEmpty() || refreshToken.length() > 1024) {
            throw new ImException(ErrorCode.UNAUTHORIZED, "invalid refresh token");
        }
        RotateRefreshTokenResponse rotated = repo.sessions().rotateRefreshToken(RotateRefreshTokenRequest.newBuilder()
                .setRefreshToken(refreshToken)
                .setTtlSeconds(configuration.getRefreshTokenTtl().toSeconds())
                .build());
        User user = repo.users().getUser(GetUserRequest.newBuilder().setUserId(rotated.getUserId()).build()).getUser();
        AccessTokenService.IssuedAccessToken access = tokens.issue(user.getId(), user.getUsername(), rotated.getSessionId());
        return new AuthResult(user, pair(access.token(), rotated.getRefreshToken()));
    }

    /**
     * 登出：吊销访问令牌与整个刷新令牌族，并通知持有该用户连接的网关立即关闭此会话的连接。
     * 已过期但签名有效的令牌仍可登出，以便作废其刷新令牌族。
     */
    public void logout(String accessToken) {
        AccessTokenClaims claims = tokens.verify(accessToken, true);
        repo.sessions().revokeSession(RevokeSessionRequest.newBuilder()
                .setUserId(claims.userId())
                .setSessionId(claims.sessionId())
                .setAccessTokenId(claims.tokenId())
                .setAccessTokenExpiresAt(claims.expiresAt())
                .build());
        try {
            DownstreamDelivery event = DownstreamDelivery.newBuilder()
                    .setSessionRevoked(SessionRevokedEvent.newBuilder()
                            .setUserId(claims.userId()).setSessionId(claims.sessionId()))
                    .build();
            deliveries.publish(Long.toString(claims.userId()),
                    GatewayRouting.byGateway(presence.lookup(List.of(claims.userId())), GatewayRouting::allConnections), event)
                    .get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            // 吊销已生效：连接最迟在下一次令牌校验时被拒绝，通知失败不让登出本身失败
            LOG.warn("session revoked event for user {} not delivered: {}", claims.userId(), e.toString());
        }
    }

    /** 校验访问令牌：签名、签发者、过期与吊销；任何失败都是 1002。 */
    public AccessTokenClaims validate(String accessToken) {
        AccessTokenClaims claims = tokens.verify(accessToken);
        boolean revoked = repo.sessions().isAccessTokenRevoked(IsAccessTokenRevokedRequest.newBuilder()
                .setAccessTokenId(claims.tokenId()).setSessionId(claims.sessionId()).build()).getRevoked();
        if (revoked) {
            throw new ImException(ErrorCode.UNAUTHORIZED, "token has been revoked");
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
