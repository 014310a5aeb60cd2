package com.acme.im.repo.cache;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 进程内读缓存用的有界 LRU 映射（按访问顺序，超出上限时淘汰最久未用的一项），线程安全。
 */
public final class LruMap {

    private LruMap() {
    }

    public static <K, V> Map<K, V> synchronizedOf(int maxEntries) {
        return Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxEntries;
            }
        });
    }
}
