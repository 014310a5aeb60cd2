package com.acme.im.repo.admin;

import com.acme.im.repo.cache.HashReads;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * 各网关在线用户数：扫描 Redis 中的在线状态哈希 presence:{userId}（字段 {gatewayId}|{connectionId}，值为过期时刻），
 * 只数未过期的字段。没有按网关的索引，所以是一次 SCAN；只在管理员查看系统数字时执行，扫描键数有上限。
 */
@Singleton
public class OnlineCounter {

    private static final String PATTERN = "presence:*";
    private static final int BATCH = 500;
    private static final long TIMEOUT_SECONDS = 5;

    private final StatefulRedisConnection<String, String> connection;

    public OnlineCounter(StatefulRedisConnection<String, String> connection) {
        this.connection = connection;
    }

    /**
     * 统计结果。
     *
     * @param perGateway  网关 ID 到在其上有存活连接的用户数
     * @param onlineUsers 至少有一个存活连接的用户数
     */
    public record Counts(SortedMap<String, Long> perGateway, long onlineUsers) {
    }

    public Counts count(long now, int scanLimit) {
        SortedMap<String, Long> perGateway = new TreeMap<>();
        long online = 0;
        int scanned = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = connection.sync().scan(cursor, ScanArgs.Builder.matches(PATTERN).limit(BATCH));
            for (Map<String, String> fields : HashReads.hgetAll(connection, page.getKeys(), TIMEOUT_SECONDS)) {
                if (countUser(fields, now, perGateway)) {
                    online++;
                }
            }
            scanned += page.getKeys().size();
            cursor = page;
        } while (!cursor.isFinished() && scanned < scanLimit);
        return new Counts(perGateway, online);
    }

    /** 把一个用户的存活连接按网关计入（同一网关上多条连接只算一个用户）；返回该用户是否在线。 */
    static boolean countUser(Map<String, String> fields, long now, Map<String, Long> perGateway) {
        java.util.Set<String> gateways = new java.util.HashSet<>();
        fields.forEach((field, value) -> {
            int sep = field.indexOf('|');
            if (sep <= 0) {
                return;
            }
            try {
                if (Long.parseLong(value) > now) {
                    gateways.add(field.substring(0, sep));
                }
            } catch (NumberFormatException ignored) {
                // 非连接字段（如 last_seen 之外的意外值）不计
            }
        });
        gateways.forEach(g -> perGateway.merge(g, 1L, Long::sum));
        return !gateways.isEmpty();
    }
}
