package com.acme.im.repo.cache;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LruMapTest {

    @Test
    void evictsLeastRecentlyUsedByCountAndByBytes() {
        LruMap<String, String> m = new LruMap<>(3, 100);
        m.put("a", "A", 10);
        m.put("b", "B", 10);
        m.put("c", "C", 10);
        m.get("a");
        m.put("d", "D", 10);
        assertNull(m.get("b"), "the least recently used entry goes first");
        assertEquals("A", m.get("a"));

        m.put("big", "BIG", 85);
        assertEquals(95, m.bytes(), "older entries leave until the byte budget holds");
        assertEquals("BIG", m.get("big"));

        m.put("huge", "HUGE", 101);
        assertNull(m.get("huge"), "an entry larger than the whole budget is not kept");
        m.put("big", "smaller", 5);
        assertEquals(5 + (95 - 85), m.bytes(), "replacing an entry gives its old weight back");
    }
}
