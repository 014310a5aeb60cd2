package com.acme.im.repo.push;

import com.acme.im.repo.Checks;
import com.acme.im.repo.db.Database;
import com.acme.im.repo.user.UserService;
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

    public void register(PushTokenRecord token, boolean enabled) {
        users.get(token.userId());
        PushTokenRecord t = new PushTokenRecord(token.userId(),
                Checks.text(token.deviceId(), "device_id", 128),
                Checks.text(token.platform(), "platform", 16),
                Checks.text(token.token(), "token", 512));
        db.run(c -> {
            tokens.upsert(c, t, enabled, System.currentTimeMillis());
            return null;
        });
    }

    public List<PushTokenRecord> find(Collection<Long> userIds) {
        var ids = Checks.ids(userIds, "user_ids", MAX_BATCH);
        return db.run(c -> tokens.findEnabled(c, ids));
    }
}
