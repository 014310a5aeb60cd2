package com.acme.im.repo.presence;

import com.acme.im.repo.cache.HashReads;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Redis 中的在线状态：每个用户一个哈希 presence:{userId}，字段 {gatewayId}|{connectionId} 的值是该连接的过期时刻（毫秒），
 * 另有字段 last_seen。过期判断看字段值而不是键的 TTL，所以一个用户在多个网关上的连接各自独立过期；
 * 网关停止续期后，它的连接在 TTL 后自然视为离线，读取时顺手删除过期字段。
 */
@Singleton
public class PresenceStore {

    static final String LAST_SEEN = "last_seen";
    static final char SEPARATOR = '|';
    private static final long TIMEOUT_SECONDS = 5;

    /** 上线：清理过期字段，数出此前的存活连接数，再写入本连接。 */
    private static final String ONLINE = """
            local live = 0
            local all = redis.call('HGETALL', KEYS[1])
            for i = 1, #all, 2 do
              local f = all[i]
              if f ~= 'last_seen' then
                if tonumber(all[i + 1]) > tonumber(ARGV[2]) then
                  live = live + 1
                else
                  redis.call('HDEL', KEYS[1], f)
                end
              end
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3], 'last_seen', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return live
            """;

    /** 下线：删除本连接，返回剩余存活连接数。 */
    private static final String OFFLINE = """
            redis.call('HDEL', KEYS[1], ARGV[1])
            local live = 0
            local all = redis.call('HGETALL', KEYS[1])
            for i = 1, #all, 2 do
              local f = all[i]
              if f ~= 'last_seen' then
                if tonumber(all[i + 1]) > tonumber(ARGV[2]) then
                  live = live + 1
                else
                  redis.call('HDEL', KEYS[1], f)
                end
              end
            end
            if redis.call('EXISTS', KEYS[1]) == 1 or live == 0 then
              redis.call('HSET', KEYS[1], 'last_seen', ARGV[2])
              redis.call('PEXPIRE', KEYS[1], ARGV[3])
            end
            return live
            """;

    /** 网关续期：把每个用户哈希里以该网关为前缀的字段改成新的过期时刻，返回确有连接被续期的用户数。 */
    private static final String REFRESH = """
            local refreshed = 0
            local plen = string.len(ARGV[1])
            for k = 1, #KEYS do
              local fields = redis.call('HKEYS', KEYS[k])
              local hit = false
              for i = 1, #fields do
                local f = fields[i]
                if string.sub(f, 1, plen) == ARGV[1] then
                  redis.call('HSET', KEYS[k], f, ARGV[3])
                  hit = true
                end
              end
              if hit then
                redis.call('HSET', KEYS[k], 'last_seen', ARGV[2])
                redis.call('PEXPIRE', KEYS[k], ARGV[4])
                refreshed = refreshed + 1
              end
            end
            return refreshed
            """;

    /**
     * 按连接续期：KEYS 与 ARGV[4..] 一一对应（用户哈希，连接字段）。字段存在与否都写入新的过期时刻，
     * 所以 Redis 丢失数据后网关的下一次续期就把在线状态完整写回；返回原本不存在的字段数。
     */
    private static final String RESTORE = """
            local restored = 0
            for k = 1, #KEYS do
              local f = ARGV[k + 3]
              if redis.call('HSET', KEYS[k], f, ARGV[2]) == 1 then
                restored = restored + 1
              end
              redis.call('HSET', KEYS[k], 'last_seen', ARGV[1])
              redis.call('PEXPIRE', KEYS[k], ARGV[3])
            end
            return restored
            """;

    /** 条件删除：字段值（过期时刻）仍不晚于 now 才删。 */
    private static final String REMOVE_EXPIRED = """
            local n = 0
            for i = 2, #ARGV do
              local v = redis.call('HGET', KEYS[1], ARGV[i])
              if v and tonumber(v) <= tonumber(ARGV[1]) then
                redis.call('HDEL', KEYS[1], ARGV[i])
                n = n + 1
              end
            end
            return n
            """;

    private final StatefulRedisConnection<String, String> connection;

    public PresenceStore(StatefulRedisConnection<String, String> connection) {
        this.connection = connection;
    }

    /** 返回本连接写入前该用户的存活连接数。 */
    public long online(long userId, String field, long now, Duration ttl, Duration retention) {
        Long live = connection.sync().eval(ONLINE, ScriptOutputType.INTEGER, new String[]{key(userId)},
                field, Long.toString(now), Long.toString(now + ttl.toMillis()), Long.toString(retention.toMillis()));
        return live == null ? 0 : live;
    }

    /** 返回删除本连接后该用户剩余的存活连接数。 */
    public long offline(long userId, String field, long now, Duration retention) {
        Long live = connection.sync().eval(OFFLINE, ScriptOutputType.INTEGER, new String[]{key(userId)},
                field, Long.toString(now), Long.toString(retention.toMillis()));
        return live == null ? 0 : live;
    }

    public long refresh(String gatewayId, List<Long> userIds, long now, Duration ttl, Duration retention) {
        if (userIds.isEmpty()) {
            return 0;
        }
        String[] keys = userIds.stream().map(PresenceStore::key).toArray(String[]::new);
        Long n = connection.sync().eval(REFRESH, ScriptOutputType.INTEGER, keys, gatewayId + SEPARATOR,
                Long.toString(now), Long.toString(now + ttl.toMillis()), Long.toString(retention.toMillis()));
        return n == null ? 0 : n;
    }

    /**
     * 按连接续期（缺失的连接字段被重新写入）。
     *
     * @param connections 用户 ID 与连接字段（{gatewayId}|{connectionId}）
     * @return 重新写入的字段数
     */
    public long restore(List<Map.Entry<Long, String>> connections, long now, Duration ttl, Duration retention) {
        if (connections.isEmpty()) {
            return 0;
        }
        String[] keys = new String[connections.size()];
        String[] args = new String[connections.size() + 3];
        args[0] = Long.toString(now);
        args[1] = Long.toString(now + ttl.toMillis());
        args[2] = Long.toString(retention.toMillis());
        for (int i = 0; i < connections.size(); i++) {
            keys[i] = key(connections.get(i).getKey());
            args[i + 3] = connections.get(i).getValue();
        }
        Long n = connection.sync().eval(RESTORE, ScriptOutputType.INTEGER, keys, args);
        return n == null ? 0 : n;
    }

    /** 批量读取：全部 HGETALL 一次写出（见 HashReads），一次等待。 */
    public List<Map<String, String>> read(List<Long> userIds) {
        List<String> keys = new ArrayList<>(userIds.size());
        for (Long id : userIds) {
            keys.add(key(id));
        }
        return HashReads.hgetAll(connection, keys, TIMEOUT_SECONDS);
    }

    /** 惰性删除读到的过期字段（异步，不等待结果）；删除前再核对一次，避免误删刚被续期的连接。 */
    public void removeExpired(long userId, List<String> fields, long now) {
        if (fields.isEmpty()) {
            return;
        }
        String[] args = new String[fields.size() + 1];
        args[0] = Long.toString(now);
        for (int i = 0; i < fields.size(); i++) {
            args[i + 1] = fields.get(i);
        }
        connection.async().eval(REMOVE_EXPIRED, ScriptOutputType.INTEGER, new String[]{key(userId)}, args);
    }

    static String key(long userId) {
        return "presence:" + userId;
    }
}
