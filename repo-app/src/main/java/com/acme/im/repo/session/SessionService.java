package com.acme.im.repo.session;

import com.acme.im.repo.Checks;
import com.acme.im.repo.admin.AdminRepository;
import com.acme.im.repo.db.Database;
import com.acme.im.repo.presence.PresenceService;
import com.acme.im.repo.user.UserService;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * 刷新令牌的签发、轮换与吊销。令牌是 32 字节随机数（base64url），库里只存 SHA-256；
 * 轮换时旧令牌标记为已用，已用令牌被重放说明令牌泄露，整个令牌族立即吊销。
 */
@Singleton
public class SessionService {

    private static final Logger LOG = LoggerFactory.getLogger(SessionService.class);
    private static final int TOKEN_BYTES = 32;
    private static final int MAX_TOKEN_LENGTH = 128;
    private static final int MAX_ID_LENGTH = 128;
    /** 设备列表最多返回的会话数；超过时只列最近登录的这些。 */
    public static final int MAX_LISTED_SESSIONS = 100;

    private final Database db;
    private final SessionRepository sessions;
    private final UserService users;
    private final SessionConfiguration configuration;
    private final PresenceService presence;
    private final AdminRepository admins;
    private final SecureRandom random = new SecureRandom();

    public SessionService(Database db, SessionRepository sessions, UserService users, SessionConfiguration configuration,
                          PresenceService presence, AdminRepository admins) {
        this.db = db;
        this.sessions = sessions;
        this.users = users;
        this.configuration = configuration;
        this.presence = presence;
        this.admins = admins;
    }

    public IssuedToken issue(long userId, String deviceId, long ttlSeconds) {
        users.get(userId);
        String device = Optional.ofNullable(Checks.optionalText(deviceId, "device_id", MAX_ID_LENGTH)).orElse("");
        Duration ttl = ttl(ttlSeconds);
        String token = newToken();
        String sessionId = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        long expiresAt = now + ttl.toMillis();
        db.inTransaction(c -> {
            // 与封禁互斥（封禁锁住用户行）：封禁提交后不会再签出新会话
            if (admins.bannedShared(c, userId)) {
                throw new ImException(ErrorCode.USER_BANNED);
            }
            sessions.insertSession(c, sessionId, userId, device, now);
            sessions.insertToken(c, hash(token), sessionId, userId, expiresAt, now);
            return null;
        });
        return new IssuedToken(userId, token, sessionId, expiresAt);
    }

    /**
     * 轮换；令牌无效、过期、已用或所属会话已吊销时返回 1002。
     * reportReuse 为 true 时，已用令牌被重放（整族因此吊销）不抛错而是返回 reuseDetected，
     * 让 logic 知道被吊销的令牌族并广播给各网关。
     */
    public Rotation rotate(String refreshToken, long ttlSeconds, boolean reportReuse) {
        if (refreshToken == null || refreshToken.isEmpty() || refreshToken.length() > MAX_TOKEN_LENGTH) {
            throw new ImException(ErrorCode.UNAUTHORIZED, "invalid refresh token");
        }
        Duration ttl = ttl(ttlSeconds);
        String newToken = newToken();
        long now = System.currentTimeMillis();
        long expiresAt = now + ttl.toMillis();
        // 重放检测需要“吊销整族”的写入被提交，所以事务内只返回结果，事务外再抛错
        RotateOutcome outcome = db.inTransaction(c -> {
            Optional<SessionRepository.TokenRow> row = sessions.lockToken(c, hash(refreshToken));
            if (row.isEmpty()) {
                return RotateOutcome.rejected("invalid refresh token");
            }
            SessionRepository.TokenRow t = row.get();
            if (t.revoked()) {
                return RotateOutcome.rejected("session revoked");
            }
            if (t.used()) {
                sessions.revokeSession(c, t.sessionId(), null, now);
                LOG.warn("refresh token reuse detected, session {} revoked", t.sessionId());
                return new RotateOutcome(new Rotation(new IssuedToken(t.userId(), "", t.sessionId(), 0), true),
                        "refresh token reused, session revoked");
            }
            if (t.expiresAt() <= now) {
                return RotateOutcome.rejected("refresh token expired");
            }
            sessions.markUsed(c, t.id());
            sessions.insertToken(c, hash(newToken), t.sessionId(), t.userId(), expiresAt, now);
            return new RotateOutcome(new Rotation(new IssuedToken(t.userId(), newToken, t.sessionId(), expiresAt), false), null);
        });
        if (reportReuse && outcome.rotation() != null && outcome.rotation().reuseDetected()) {
            return outcome.rotation();
        }
        if (outcome.error() != null) {
            throw new ImException(ErrorCode.UNAUTHORIZED, outcome.error());
        }
        return outcome.rotation();
    }

    /** 吊销令牌族并记录访问令牌 ID；会话不存在或不属于该用户返回 1004。 */
    public void revoke(long userId, String sessionId, String accessTokenId, long accessTokenExpiresAt) {
        Checks.id(userId, "user_id");
        String session = Checks.optionalText(sessionId, "session_id", MAX_ID_LENGTH);
        String jti = Checks.optionalText(accessTokenId, "access_token_id", MAX_ID_LENGTH);
        Checks.require(session != null || jti != null, "session_id or access_token_id is required");
        long now = System.currentTimeMillis();
        int matched = db.inTransaction(c -> {
            int n = session == null ? 1 : sessions.revokeSession(c, session, userId, now);
            if (n > 0 && jti != null && accessTokenExpiresAt > now) {
                sessions.revokeAccessToken(c, jti, session == null ? "" : session, accessTokenExpiresAt);
            }
            return n;
        });
        if (matched == 0) {
            throw new ImException(ErrorCode.NOT_FOUND, "session not found");
        }
    }

    /**
     * 访问令牌所属会话的状态：只有会话存在、属于令牌中的用户、未吊销且该访问令牌未被单独吊销才是 LIVE。
     * 只问“是否吊销”会放行携带从未签发的 sid 的令牌，所以这里先确认会话存在。
     */
    public SessionStatus check(long userId, String sessionId, String accessTokenId) {
        Checks.id(userId, "user_id");
        String session = Checks.optionalText(sessionId, "session_id", MAX_ID_LENGTH);
        Checks.require(session != null, "session_id is required");
        String jti = Checks.optionalText(accessTokenId, "access_token_id", MAX_ID_LENGTH);
        long now = System.currentTimeMillis();
        Optional<SessionRepository.SessionState> state = db.run(c -> sessions.sessionState(c, session,
                jti == null ? "" : jti, now));
        if (state.isEmpty() || state.get().userId() != userId) {
            return SessionStatus.UNKNOWN;
        }
        return state.get().revoked() || state.get().accessTokenRevoked() ? SessionStatus.REVOKED : SessionStatus.LIVE;
    }

    /**
     * 用户的有效会话（最多 {@link #MAX_LISTED_SESSIONS} 个，按创建时间倒序），附每个会话在线的网关；
     * 在线会话的最后活动时间为当前时间，否则为最近一次刷新令牌的时间。
     */
    public List<LiveSession> list(long userId) {
        Checks.id(userId, "user_id");
        long now = System.currentTimeMillis();
        List<SessionRepository.SessionRow> rows = db.run(c -> sessions.listLive(c, userId, now, MAX_LISTED_SESSIONS));
        Map<String, List<String>> gateways = presence.sessionGateways(userId);
        List<LiveSession> out = new ArrayList<>(rows.size());
        for (SessionRepository.SessionRow r : rows) {
            List<String> online = gateways.getOrDefault(r.sessionId(), List.of());
            out.add(new LiveSession(r.sessionId(), r.deviceId(), r.platform(), r.createdAt(),
                    online.isEmpty() ? r.lastRefreshAt() : now, online));
        }
        return out;
    }

    public boolean isRevoked(String accessTokenId, String sessionId) {
        String jti = Checks.optionalText(accessTokenId, "access_token_id", MAX_ID_LENGTH);
        String session = Checks.optionalText(sessionId, "session_id", MAX_ID_LENGTH);
        Checks.require(session != null || jti != null, "session_id or access_token_id is required");
        long now = System.currentTimeMillis();
        return db.run(c -> sessions.isRevoked(c, jti == null ? "" : jti, session == null ? "" : session, now));
    }

    /** 每小时清理过期记录。 */
    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void purgeExpired() {
        try {
            int n = db.run(c -> sessions.purgeExpired(c, System.currentTimeMillis()));
            LOG.info("purged {} expired token rows", n);
        } catch (RuntimeException e) {
            LOG.warn("token purge failed", e);
        }
    }

    private Duration ttl(long ttlSeconds) {
        Checks.require(ttlSeconds >= 0, "ttl_seconds must not be negative");
        if (ttlSeconds == 0) {
            return configuration.defaultRefreshTtl();
        }
        Checks.require(ttlSeconds <= configuration.maxRefreshTtl().toSeconds(),
                "ttl_seconds must be at most " + configuration.maxRefreshTtl().toSeconds());
        return Duration.ofSeconds(ttlSeconds);
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /**
     * 轮换结果。
     *
     * @param token         新令牌；reuseDetected 时只有用户与令牌族，没有新令牌
     * @param reuseDetected 已用令牌被重放，整族已吊销
     */
    public record Rotation(IssuedToken token, boolean reuseDetected) {
    }

    /** 事务结果：成功时带轮换结果，失败时带原因（重放时两者都有）。 */
    private record RotateOutcome(Rotation rotation, String error) {
        static RotateOutcome rejected(String error) {
            return new RotateOutcome(null, error);
        }
    }
}
