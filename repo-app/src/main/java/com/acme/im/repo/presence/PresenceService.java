package com.acme.im.repo.presence;

import com.acme.im.repo.Checks;
import com.acme.im.runtime.delivery.ConnectionIds;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * 在线状态：一个用户可在多个网关上持有多个连接，任一连接存活即在线。
 */
@Singleton
public class PresenceService {

    /** 批量查询与网关续期的用户数上限。 */
    public static final int MAX_BATCH = 1000;
    /** 网关续期允许携带更多用户（一台网关可能持有数万连接），分批执行脚本。 */
    public static final int MAX_REFRESH = 100_000;
    private static final int REFRESH_CHUNK = 500;
    private static final int MAX_ID_LENGTH = 128;

    private final PresenceStore store;
    private final PresenceConfiguration configuration;

    public PresenceService(PresenceStore store, PresenceConfiguration configuration) {
        this.store = store;
        this.configuration = configuration;
    }

    /** 返回该用户此前是否没有任何存活连接。 */
    public boolean online(long userId, String gatewayId, String connectionId) {
        Checks.id(userId, "user_id");
        String field = field(gatewayId, connectionId);
        return store.online(userId, field, System.currentTimeMillis(), configuration.ttl(), configuration.retention()) == 0;
    }

    /** 返回该用户是否已无任何存活连接。 */
    public boolean offline(long userId, String gatewayId, String connectionId) {
        Checks.id(userId, "user_id");
        String field = field(gatewayId, connectionId);
        return store.offline(userId, field, System.currentTimeMillis(), configuration.retention()) == 0;
    }

    public int refresh(String gatewayId, List<Long> userIds) {
        gatewayId(gatewayId);
        List<Long> ids = new ArrayList<>(Checks.ids(userIds, "user_ids", MAX_REFRESH));
        long now = System.currentTimeMillis();
        long refreshed = 0;
        for (int i = 0; i < ids.size(); i += REFRESH_CHUNK) {
            refreshed += store.refresh(gatewayId, ids.subList(i, Math.min(ids.size(), i + REFRESH_CHUNK)), now,
                    configuration.ttl(), configuration.retention());
        }
        return (int) refreshed;
    }

    /**
     * 按连接续期：网关报来它持有的全部连接，逐个写回并续期。Redis 丢失数据后，
     * 网关的下一次续期（默认 10 秒一次）就把它的在线状态完整重建。
     *
     * @param connections 用户 ID 与连接 ID
     * @return 重新写回的（此前不存在的）连接数
     */
    public int restore(String gatewayId, List<Map.Entry<Long, String>> connections) {
        gatewayId(gatewayId);
        Checks.require(connections.size() <= MAX_REFRESH, "connections must contain at most " + MAX_REFRESH + " entries");
        List<Map.Entry<Long, String>> fields = new ArrayList<>(connections.size());
        for (Map.Entry<Long, String> c : connections) {
            Checks.id(c.getKey(), "user_id");
            fields.add(Map.entry(c.getKey(), field(gatewayId, c.getValue())));
        }
        long now = System.currentTimeMillis();
        long restored = 0;
        for (int i = 0; i < fields.size(); i += REFRESH_CHUNK) {
            restored += store.restore(fields.subList(i, Math.min(fields.size(), i + REFRESH_CHUNK)), now,
                    configuration.ttl(), configuration.retention());
        }
        return (int) restored;
    }

    public PresenceRecord get(long userId) {
        return getMany(List.of(userId)).get(0);
    }

    /** 批量查询，结果与请求同序（重复的 ID 各自返回一项）。 */
    public List<PresenceRecord> getMany(List<Long> userIds) {
        Checks.require(userIds.size() <= MAX_BATCH, "user_ids must contain at most " + MAX_BATCH + " ids");
        userIds.forEach(id -> Checks.id(id, "user_ids"));
        if (userIds.isEmpty()) {
            return List.of();
        }
        long now = System.currentTimeMillis();
        List<Map<String, String>> hashes = store.read(userIds);
        List<PresenceRecord> out = new ArrayList<>(userIds.size());
        for (int i = 0; i < userIds.size(); i++) {
            out.add(toRecord(userIds.get(i), hashes.get(i), now));
        }
        return out;
    }

    /**
     * 用户每个令牌族当前在线的网关：连接 ID 形如 {令牌族 ID}:{随机串}（见 ConnectionIds），
     * 旧格式的连接不带令牌族，不计入任何会话。
     */
    public Map<String, List<String>> sessionGateways(long userId) {
        Checks.id(userId, "user_id");
        long now = System.currentTimeMillis();
        Map<String, LinkedHashSet<String>> bySession = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : store.read(List.of(userId)).get(0).entrySet()) {
            int sep = e.getKey().indexOf(PresenceStore.SEPARATOR);
            if (PresenceStore.LAST_SEEN.equals(e.getKey()) || sep < 0 || parse(e.getValue()) <= now) {
                continue;
            }
            String gateway = e.getKey().substring(0, sep);
            ConnectionIds.sessionId(e.getKey().substring(sep + 1))
                    .ifPresent(sid -> bySession.computeIfAbsent(sid, k -> new LinkedHashSet<>()).add(gateway));
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        bySession.forEach((sid, gateways) -> out.put(sid, List.copyOf(gateways)));
        return out;
    }

    private PresenceRecord toRecord(long userId, Map<String, String> hash, long now) {
        LinkedHashSet<String> gateways = new LinkedHashSet<>();
        List<String> expired = new ArrayList<>();
        long lastSeen = 0;
        for (Map.Entry<String, String> e : hash.entrySet()) {
            long value = parse(e.getValue());
            if (PresenceStore.LAST_SEEN.equals(e.getKey())) {
                lastSeen = value;
            } else if (value > now) {
                int sep = e.getKey().indexOf(PresenceStore.SEPARATOR);
                gateways.add(sep < 0 ? e.getKey() : e.getKey().substring(0, sep));
            } else {
                expired.add(e.getKey());
                // 过期连接的最后在线时间就是它的过期时刻
                lastSeen = Math.max(lastSeen, Math.min(value, now));
            }
        }
        store.removeExpired(userId, expired, now);
        boolean online = !gateways.isEmpty();
        return new PresenceRecord(userId, online, List.copyOf(gateways), online ? now : lastSeen);
    }

    private static long parse(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String field(String gatewayId, String connectionId) {
        gatewayId(gatewayId);
        Checks.text(connectionId, "connection_id", MAX_ID_LENGTH);
        return gatewayId + PresenceStore.SEPARATOR + connectionId;
    }

    private static void gatewayId(String gatewayId) {
        Checks.text(gatewayId, "gateway_id", MAX_ID_LENGTH);
        Checks.require(gatewayId.indexOf(PresenceStore.SEPARATOR) < 0, "gateway_id must not contain '|'");
    }
}
