package com.acme.im.gateway.ws;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 一个连接上已写入上行 Topic、还没收到 ack 的 client_msg_id 及其写入时刻。
 * 只用于抑制重复的重发：收到 ack、写入失败或超过窗口的条目都会让下一次重发照常写入，所以不会因此丢消息。
 * 执行道线程与下行消费线程都会访问，方法加锁（每个连接一把锁，竞争极少）。
 */
final class InFlightSends {

    private final long windowMillis;
    private final Map<String, Long> publishedAt;

    InFlightSends(long windowMillis, int maxEntries) {
        this.windowMillis = windowMillis;
        this.publishedAt = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** 是否应写入上行：窗口内已写入过则返回 false（抑制）；否则记下本次写入并返回 true。 */
    synchronized boolean begin(String clientMsgId, long nowMillis) {
        if (windowMillis <= 0) {
            return true;
        }
        Long at = publishedAt.get(clientMsgId);
        if (at != null && nowMillis - at < windowMillis) {
            return false;
        }
        publishedAt.put(clientMsgId, nowMillis);
        return true;
    }

    /** 收到 ack 或写入失败：忘掉它，之后的重发照常写入。 */
    synchronized void done(String clientMsgId) {
        publishedAt.remove(clientMsgId);
    }

    synchronized int size() {
        return publishedAt.size();
    }
}
