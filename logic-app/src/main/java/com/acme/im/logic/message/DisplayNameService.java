package com.acme.im.logic.message;

import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.common.v1.User;
import com.acme.im.proto.repo.v1.GetGroupRequest;
import com.acme.im.proto.repo.v1.GetUserRequest;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * 推送通知用的显示名（发送者昵称、群名），短时缓存：离线推送很频繁，而名字很少变化，
 * 偶尔显示旧名字可以接受。
 */
@Singleton
public class DisplayNameService {

    private static final long TTL_MILLIS = 5 * 60_000L;
    private static final int MAX_ENTRIES = 50_000;

    private final RepoClients repo;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public DisplayNameService(RepoClients repo) {
        this.repo = repo;
    }

    /** 用户显示名：昵称，空时用用户名。 */
    public String userName(long userId) {
        return cached("u" + userId, () -> {
            User u = repo.users().getUser(GetUserRequest.newBuilder().setUserId(userId).build()).getUser();
            return u.getNickname().isEmpty() ? u.getUsername() : u.getNickname();
        });
    }

    /** 用户改了昵称：丢掉本实例缓存的显示名，之后的推送立即用新名字。 */
    public void forgetUser(long userId) {
        cache.remove("u" + userId);
    }

    /** 群名。 */
    public String groupName(long groupId) {
        return cached("g" + groupId, () -> repo.groups().getGroup(GetGroupRequest.newBuilder().setGroupId(groupId).build())
                .getGroup().getName());
    }

    private String cached(String key, Supplier<String> loader) {
        long now = System.currentTimeMillis();
        Entry e = cache.get(key);
        if (e != null && e.expiresAt > now) {
            return e.value;
        }
        String value = loader.get();
        if (cache.size() >= MAX_ENTRIES) {
            // 简单上限：满了就整体清空，避免引入缓存库；代价只是多几次查询
            cache.clear();
        }
        cache.put(key, new Entry(value, now + TTL_MILLIS));
        return value;
    }

    private record Entry(String value, long expiresAt) {
    }
}
