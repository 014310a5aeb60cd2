package com.acme.im.repo.cache;

import com.acme.im.repo.TestData;
import com.acme.im.repo.user.UserRecord;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 经典 Cache-Aside 竞态：读者未命中后读到旧行，写者此时提交并删除缓存，读者再回填旧值。
 * 版本号保护下，这次回填被拒绝，下一次读取重新读库拿到新值。
 */
@MicronautTest
class CacheStoreIT {

    private static final Duration TTL = Duration.ofMinutes(5);

    @Inject
    CacheStore cache;

    @Test
    void aReaderThatLoadedBeforeAnUpdateCannotPutTheStaleValueBack() {
        String key = TestData.unique("test-user");
        UserRecord oldRow = new UserRecord(1, "u", "old", "", 1);
        UserRecord newRow = new UserRecord(1, "u", "new", "", 1);
        AtomicInteger loads = new AtomicInteger();

        Optional<UserRecord> first = cache.get(key, UserRecord.class, TTL, k -> {
            loads.incrementAndGet();
            // 读者已经读到旧行，写者在它回填之前提交并作废缓存
            cache.invalidate(key);
            return Optional.of(oldRow);
        });
        assertEquals("old", first.orElseThrow().nickname(), "the slow reader still answers what it read");

        Optional<UserRecord> second = cache.get(key, UserRecord.class, TTL, k -> {
            loads.incrementAndGet();
            return Optional.of(newRow);
        });
        assertEquals("new", second.orElseThrow().nickname(), "the stale value was never cached");
        assertEquals(2, loads.get());

        Optional<UserRecord> third = cache.get(key, UserRecord.class, TTL, k -> {
            loads.incrementAndGet();
            return Optional.of(oldRow);
        });
        assertEquals("new", third.orElseThrow().nickname(), "without a concurrent write the fill is kept");
        assertEquals(2, loads.get());
    }
}
