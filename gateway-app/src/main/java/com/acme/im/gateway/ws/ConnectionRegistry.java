package com.acme.im.gateway.ws;

import com.acme.im.proto.event.v1.DeliveryTarget;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * 本网关上的全部连接：按连接 ID 与用户 ID 双向索引，供下行投递、吊销、空闲清理和在线续期使用。
 * 用户索引的增删都在 compute 中完成，避免“最后一个连接移除”与“新连接加入”交错丢失。
 */
@Singleton
public class ConnectionRegistry {

    private final Map<String, Connection> byId = new ConcurrentHashMap<>();
    private final Map<Long, Set<Connection>> byUser = new ConcurrentHashMap<>();

    public void register(Connection connection) {
        byId.put(connection.id(), connection);
        byUser.compute(connection.userId(), (userId, set) -> {
            Set<Connection> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            s.add(connection);
            return s;
        });
    }

    /**
     * 该用户在本网关的连接数未到上限时登记并返回 true，否则不登记、返回 false。
     * 判断与加入在同一个 compute 里完成：同一用户的两个升级同时到达也不会越过上限。
     */
    public boolean tryRegister(Connection connection, int maxPerUser) {
        boolean[] added = {false};
        byUser.compute(connection.userId(), (userId, set) -> {
            Set<Connection> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            if (s.size() < maxPerUser) {
                s.add(connection);
                added[0] = true;
            }
            return s.isEmpty() ? null : s;
        });
        if (added[0]) {
            byId.put(connection.id(), connection);
        }
        return added[0];
    }

    /**
     * 移除连接。
     *
     * @return 该用户在本网关是否已没有任何连接
     */
    public boolean unregister(Connection connection) {
        byId.remove(connection.id(), connection);
        boolean[] last = {false};
        byUser.computeIfPresent(connection.userId(), (userId, set) -> {
            set.remove(connection);
            last[0] = set.isEmpty();
            return set.isEmpty() ? null : set;
        });
        return last[0] || !byUser.containsKey(connection.userId());
    }

    @Nullable
    public Connection byId(String connectionId) {
        return byId.get(connectionId);
    }

    /** 某用户在本网关的全部连接。 */
    public Collection<Connection> ofUser(long userId) {
        Set<Connection> set = byUser.get(userId);
        return set == null ? List.of() : List.copyOf(set);
    }

    /**
     * 一个投递目标对应的本地连接：指定 connection_id 时只取该连接（且必须属于该用户），
     * 否则取该用户的全部连接；再去掉 exclude_connection_id。
     */
    public List<Connection> resolve(DeliveryTarget target) {
        String only = target.getConnectionId();
        String exclude = target.getExcludeConnectionId();
        List<Connection> result = new ArrayList<>();
        if (!only.isEmpty()) {
            Connection c = byId.get(only);
            if (c != null && c.userId() == target.getUserId() && !only.equals(exclude)) {
                result.add(c);
            }
            return result;
        }
        for (Connection c : ofUser(target.getUserId())) {
            if (!c.id().equals(exclude)) {
                result.add(c);
            }
        }
        return result;
    }

    /** 某用户在本网关的连接数。 */
    public int countOf(long userId) {
        Set<Connection> set = byUser.get(userId);
        return set == null ? 0 : set.size();
    }

    /** 所有持有连接的用户 ID（在线续期用）。 */
    public List<Long> userIds() {
        return List.copyOf(byUser.keySet());
    }

    /** 全部连接的快照（空闲清理用）。 */
    public List<Connection> all() {
        return List.copyOf(byId.values());
    }

    public int size() {
        return byId.size();
    }
}
