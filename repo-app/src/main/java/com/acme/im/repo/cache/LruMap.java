package com.acme.im.repo.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 进程内读缓存用的有界 LRU 映射（按访问顺序淘汰最久未用的项），同时限制项数与估算的总字节数，线程安全。
 * 只限项数不够：一页里每条消息最长 4000 字，几千个用户的页面按最坏情况会撑爆 512 MB 的堆。
 */
public final class LruMap<K, V> {

    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<K, Sized<V>> map = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;

    public LruMap(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    public synchronized V get(K key) {
        Sized<V> s = map.get(key);
        return s == null ? null : s.value();
    }

    /** 放入一项；单项超过字节上限时不放（并删掉旧值）。 */
    public synchronized void put(K key, V value, long weight) {
        Sized<V> old = map.remove(key);
        if (old != null) {
            bytes -= old.weight();
        }
        if (weight > maxBytes || maxEntries <= 0) {
            return;
        }
        map.put(key, new Sized<>(value, weight));
        bytes += weight;
        Iterator<Map.Entry<K, Sized<V>>> eldest = map.entrySet().iterator();
        while ((map.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
            bytes -= eldest.next().getValue().weight();
            eldest.remove();
        }
    }

    public synchronized void remove(K key) {
        Sized<V> old = map.remove(key);
        if (old != null) {
            bytes -= old.weight();
        }
    }

    /** 当前估算的总字节数。 */
    public synchronized long bytes() {
        return bytes;
    }

    private record Sized<V>(V value, long weight) {
    }
}
