package com.acme.im.repo.user;

import com.acme.im.repo.Checks;
import com.acme.im.repo.admin.AdminService;
import com.acme.im.repo.cache.CacheConfiguration;
import com.acme.im.repo.cache.CacheStore;
import com.acme.im.repo.conversation.ConversationVersionStore;
import com.acme.im.repo.conversation.ConversationRepository;
import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.repo.db.Database;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.limits.Limits;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * 用户的读写：资料走 Cache-Aside（键 user:{id}），用户名到 ID 的映射不会变，单独缓存（键 user_name:{username}）。
 * 写路径先改库再删缓存。
 */
@Singleton
public class UserService {

    /** 单次批量查询的上限（与 proto 约定一致）。 */
    public static final int MAX_BATCH = 500;
    private static final int MAX_USERNAME = 64;
    private static final int MAX_NICKNAME = Limits.MAX_NICKNAME_CODE_POINTS;
    private static final int MAX_AVATAR = Limits.MAX_AVATAR_URL;

    private final Database db;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final CacheStore cache;
    private final CacheConfiguration cacheConfiguration;
    private final AdminService admins;

    private final ConversationRepository conversations;
    private final ConversationVersionStore versions;

    public UserService(Database db, UserRepository users, PasswordHasher hasher, CacheStore cache,
                       CacheConfiguration cacheConfiguration, AdminService admins,
                       ConversationRepository conversations, ConversationVersionStore versions) {
        this.conversations = conversations;
        this.versions = versions;
        this.db = db;
        this.users = users;
        this.hasher = hasher;
        this.cache = cache;
        this.cacheConfiguration = cacheConfiguration;
        this.admins = admins;
    }

    public UserRecord create(String username, String password, String nickname, String avatarUrl) {
        String name = Checks.text(username, "username", MAX_USERNAME);
        Checks.require(name.equals(name.strip()), "username must not start or end with spaces");
        Checks.require(password != null && !password.isEmpty(), "password must not be empty");
        Checks.require(password.getBytes(StandardCharsets.UTF_8).length <= PasswordHasher.MAX_PASSWORD_BYTES,
                "password must be at most " + PasswordHasher.MAX_PASSWORD_BYTES + " bytes");
        String nick = Checks.optionalText(nickname, "nickname", MAX_NICKNAME);
        String avatar = Checks.optionalText(avatarUrl, "avatar_url", MAX_AVATAR);
        String hash = hasher.hash(password);
        long now = System.currentTimeMillis();
        long id;
        try {
            id = db.inTransaction(c -> users.insert(c, name, hash, nick == null ? name : nick,
                    avatar == null ? "" : avatar, now));
        } catch (ImException e) {
            if (e.getCause() instanceof SQLException sql && Database.isDuplicateKey(sql, "uk_users_username")) {
                throw new ImException(ErrorCode.USER_EXISTS);
            }
            throw e;
        }
        return new UserRecord(id, name, nick == null ? name : nick, avatar == null ? "" : avatar, now);
    }

    public UserRecord get(long userId) {
        return find(userId).orElseThrow(() -> new ImException(ErrorCode.USER_NOT_FOUND));
    }

    public Optional<UserRecord> find(long userId) {
        Checks.id(userId, "user_id");
        return cache.get(userKey(userId), UserRecord.class, cacheConfiguration.userTtl(),
                k -> users.findById(userId));
    }

    public UserRecord getByUsername(String username) {
        String name = Checks.text(username, "username", MAX_USERNAME);
        Long id = cache.get("user_name:" + name, Long.class, cacheConfiguration.userTtl(),
                        k -> users.findIdByUsername(name))
                .orElseThrow(() -> new ImException(ErrorCode.USER_NOT_FOUND));
        return get(id);
    }

    /** 批量取用户，不存在的 ID 被忽略；结果按请求顺序。 */
    public List<UserRecord> getMany(Collection<Long> userIds) {
        List<Long> ids = new ArrayList<>(Checks.ids(userIds, "user_ids", MAX_BATCH));
        List<String> keys = ids.stream().map(UserService::userKey).toList();
        Map<String, UserRecord> found = cache.getMany(keys, UserRecord.class, cacheConfiguration.userTtl(),
                missing -> users.findByIds(missing.stream().map(k -> Long.parseLong(k.substring(5))).toList())
                        .stream().collect(Collectors.toMap(u -> userKey(u.id()), Function.identity())));
        List<UserRecord> out = new ArrayList<>();
        for (String key : keys) {
            UserRecord u = found.get(key);
            if (u != null) {
                out.add(u);
            }
        }
        return out;
    }

    public UserRecord update(long userId, String nickname, String avatarUrl) {
        return update(userId, nickname, avatarUrl, false);
    }

    /** 更新昵称与头像；空串表示不改，clearAvatar 为 true 时清除头像。 */
    public UserRecord update(long userId, String nickname, String avatarUrl, boolean clearAvatar) {
        Checks.id(userId, "user_id");
        String nick = Checks.optionalText(nickname, "nickname", MAX_NICKNAME);
        String avatar = clearAvatar ? "" : Checks.optionalText(avatarUrl, "avatar_url", MAX_AVATAR);
        if (nick != null) {
            Checks.require(!nick.isBlank(), "nickname must not be blank");
        }
        if (!users.updateProfile(userId, nick, avatar, System.currentTimeMillis())) {
            throw new ImException(ErrorCode.USER_NOT_FOUND);
        }
        // 先提交数据库，再作废缓存；单聊对方的会话列表显示的是本人的昵称与头像（历史页里没有，不必作废）
        cache.invalidate(userKey(userId));
        versions.changedUsers(db.run(c -> conversations.singleConversationIds(c, userId, Integer.MAX_VALUE)).stream()
                .map(id -> ConversationId.parse(id).peerOf(userId)).toList());
        return users.findById(userId).orElseThrow(() -> new ImException(ErrorCode.USER_NOT_FOUND));
    }

    /** 校验密码；用户不存在与密码错误都返回 2002，且耗时相同；密码正确但已封禁返回 7003。 */
    public UserRecord verifyPassword(String username, String password) {
        if (username == null || username.isEmpty() || username.length() > MAX_USERNAME
                || password == null || password.isEmpty()
                || password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
            throw new ImException(ErrorCode.INVALID_PASSWORD);
        }
        Optional<UserCredentials> credentials = users.findCredentials(username);
        if (credentials.isEmpty()) {
            hasher.verifyDummy(password);
            throw new ImException(ErrorCode.INVALID_PASSWORD);
        }
        if (!hasher.verify(password, credentials.get().passwordHash())) {
            throw new ImException(ErrorCode.INVALID_PASSWORD);
        }
        // 封禁只在密码正确后才告知（7003），猜密码的人看不出账号是否被封
        if (admins.isBanned(credentials.get().user().id())) {
            throw new ImException(ErrorCode.USER_BANNED);
        }
        return credentials.get().user();
    }

    static String userKey(long userId) {
        return "user:" + userId;
    }
}
