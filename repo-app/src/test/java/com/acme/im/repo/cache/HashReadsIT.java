package com.acme.im.repo.cache;

import com.acme.im.repo.TestData;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 整批 HGETALL：结果与键同序，缺失的键为空 Map，别的类型的键报错而不是挂住。 */
@MicronautTest
class HashReadsIT {

    @Inject
    StatefulRedisConnection<String, String> connection;

    @Test
    void aThousandHashesComeBackInKeyOrderWithMissingKeysEmpty() {
        String prefix = TestData.unique("hash-reads");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String key = prefix + ":" + i;
            keys.add(key);
            if (i % 3 != 0) {
                connection.sync().hset(key, Map.of("n", Integer.toString(i), "gw|c" + i, "1"));
            }
        }
        try {
            List<Map<String, String>> read = HashReads.hgetAll(connection, keys, 5);
            assertEquals(1000, read.size());
            for (int i = 0; i < 1000; i++) {
                if (i % 3 == 0) {
                    assertTrue(read.get(i).isEmpty(), "missing key " + i);
                } else {
                    assertEquals(Map.of("n", Integer.toString(i), "gw|c" + i, "1"), read.get(i));
                }
            }
            assertEquals(List.of(), HashReads.hgetAll(connection, List.of(), 5));
        } finally {
            connection.sync().del(keys.toArray(String[]::new));
        }
    }

    @Test
    void aKeyOfAnotherTypeFailsTheBatchWithRedisError() {
        String text = TestData.unique("hash-reads-string");
        connection.sync().set(text, "not a hash");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> HashReads.hgetAll(connection, List.of(TestData.unique("absent"), text), 5));
            assertTrue(e.getMessage().contains("WRONGTYPE"), e.getMessage());
            // 连接仍可用
            assertEquals("not a hash", connection.sync().get(text));
        } finally {
            connection.sync().del(text);
        }
    }
}
