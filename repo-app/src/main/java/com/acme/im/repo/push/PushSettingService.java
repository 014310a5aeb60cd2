package com.acme.im.repo.push;

import com.acme.im.repo.Checks;
import com.acme.im.repo.db.Database;
import com.acme.im.repo.user.UserService;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.limits.Limits;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;

/**
 * 推送令牌与开关：关闭推送的设备不会出现在查询结果里。
 */
@Singleton
public class PushSettingService {

    private static final int MAX_BATCH = 1000;

    private final Database db;
    private final PushTokenRepository tokens;
    private final UserService users;

    public PushSettingService(Database db, PushTokenRepository tokens, UserService users) {
        this.db = db;
        this.tokens = tokens;
        this.users = users;
    }

    /**
     * 登记（覆盖）一个设备的令牌；同一令牌在其他用户或设备下的旧记录在同一事务里删除，
     * 令牌随手机转到新账号，旧账号的通知不会再发到这台手机。
     */
    public void register(PushTokenRecord token, boolean enabled) {
        users.get(token.userId());
        Checks.require(Limits.isDeviceId(token.deviceId()),
                "device_id must be 1-" + Limits.MAX_DEVICE_ID + " printable ASCII characters");
        Checks.require(Limits.isPushPlatform(token.platform()),
                "platform must be one of " + String.join(", ", Limits.PUSH_PLATFORMS));
        Checks.require(Limits.isPushToken(token.token()),
                "token must be 1-" + Limits.MAX_PUSH_TOKEN + " printable ASCII characters");
        db.inTransaction(c -> {
            tokens.deleteElsewhere(c, token);
            tokens.upsert(c, token, enabled, System.currentTimeMillis());
            return null;
        });
    }

    /** 删除用户某设备的令牌；没有该令牌返回 1004。 */
    public void remove(long userId, String deviceId) {
        Checks.id(userId, "user_id");
        Checks.require(Limits.isDeviceId(deviceId),
                "device_id must be 1-" + Limits.MAX_DEVICE_ID + " printable ASCII characters");
        if (!db.run(c -> tokens.delete(c, userId, deviceId))) {
            throw new ImException(ErrorCode.NOT_FOUND, "no push token for this device");
        }
    }

    public List<PushTokenRecord> find(Collection<Long> userIds) {
        var ids = Checks.ids(userIds, "user_ids", MAX_BATCH);
        return db.run(c -> tokens.findEnabled(c, ids));
    }

    /**
     * 某会话一条消息的推送令牌：在 {@link #find} 之上，对该会话开了免打扰的用户不返回，被 @ 的用户
     * （mentionAll 时为全部）照常返回。仍是一次查询，推送函数不必为免打扰多查一次。
     *
     * @param conversationId 为空时等同 {@link #find}
     */
    public List<PushTokenRecord> findForConversation(Collection<Long> userIds, String conversationId,
                                                     Collection<Long> mentioned, boolean mentionAll) {
        if (conversationId == null || conversationId.isEmpty() || mentionAll) {
            return find(userIds);
        }
        var ids = Checks.ids(userIds, "user_ids", MAX_BATCH);
        String conv = com.acme.im.runtime.conversation.ConversationId.parse(conversationId).value();
        java.util.Set<Long> exempt = new java.util.LinkedHashSet<>(mentioned);
        exempt.retainAll(ids);
        return db.run(c -> tokens.findEnabledUnmuted(c, ids, conv, exempt));
    }
}
