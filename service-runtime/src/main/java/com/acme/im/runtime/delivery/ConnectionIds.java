package com.acme.im.runtime.delivery;

import java.util.Optional;
import java.util.UUID;

/**
 * 连接 ID 的格式：{令牌族 ID}:{随机 UUID}。网关生成，repo 在线状态原样保存；
 * 带上令牌族 ID 让“我的设备”列表能从在线状态里看出哪个会话在哪个网关上在线，而不必另存一份映射。
 */
public final class ConnectionIds {

    /** 令牌族 ID 与随机部分的分隔符（UUID 中不会出现）。 */
    public static final char SEPARATOR = ':';

    private ConnectionIds() {
    }

    /** 为令牌族 sessionId 的一个新连接生成 ID；sessionId 为空时只有随机部分。 */
    public static String newId(String sessionId) {
        String random = UUID.randomUUID().toString();
        return sessionId == null || sessionId.isEmpty() ? random : sessionId + SEPARATOR + random;
    }

    /** 从连接 ID 取出令牌族 ID；旧格式（纯 UUID）没有令牌族时返回空。 */
    public static Optional<String> sessionId(String connectionId) {
        if (connectionId == null) {
            return Optional.empty();
        }
        int sep = connectionId.lastIndexOf(SEPARATOR);
        return sep <= 0 ? Optional.empty() : Optional.of(connectionId.substring(0, sep));
    }
}
