package com.acme.im.repo.cache;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * 带版本号的 Cache-Aside 缓存（值为 JSON）。
 * 普通 Cache-Aside 有一个经典竞态：读者未命中后读到旧行，写者提交并删缓存，读者再把旧值写回，
 * 旧值会一直存活到 TTL。这里每个键配一个版本键：写者提交后先 INCR 版本再删缓存，
 * 读者回填时用 Lua 比较“读库前看到的版本”，版本变了就放弃回填，因此删除后不会再出现旧值。
 * Redis 故障时读路径退回数据库，缓存只是加速而不是正确性的一部分。
 */
@Singleton
public class CacheStore {

    private static final Logger LOG = LoggerFactory.getLogger(CacheStore.class);
    private static final String VERSION_SUFFIX = ":ver";
    /** 版本键保留 1 天，远长于任何一次“读库再回填”的耗时。 */
    private static final long VERSION_TTL_MS = Duration.ofDays(1).toMillis();

    private static final String PUT_IF_VERSION = """
            local v = redis.call('GET', KEYS[2])
            if v == false then v = '' end
            if v == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              return 1
            end
            return 0
            """;

    private static final String INVALIDATE = """
            for i = 1, #KEYS do
              redis.call('INCR', KEYS[i] .. ARGV[1])
              redis.call('PEXPIRE', KEYS[i] .. ARGV[1], ARGV[2])
              redis.call('DEL', KEYS[i])
            end
            return #KEYS
            """;

    private final StatefulRedisConnection<String, String> connection;
    private final ObjectMapper objectMapper;

    public CacheStore(StatefulRedisConnection<String, String> connection, ObjectMapper objectMapper) {
        this.connection = connection;
        this.objectMapper = objectMapper;
    }

    /** 读缓存，未命中时用 loader 读库并按版本条件回填；loader 返回空表示不存在（不缓存）。 */
    public <T> Optional<T> get(String key, Class<T> type, Duration ttl, Function<String, Optional<T>> loader) {
        String version = "";
        try {
            List<KeyValue<String, String>> values = commands().mget(key, key + VERSION_SUFFIX);
            String cached = values.get(0).getValueOrElse(null);
            if (cached != null) {
                return Optional.of(objectMapper.readValue(cached, type));
            }
            version = values.get(1).getValueOrElse("");
        } catch (RuntimeException | IOException e) {
            LOG.warn("cache read failed for {}, falling back to database", key, e);
            return loader.apply(key);
        }
        Optional<T> loaded = loader.apply(key);
        if (loaded.isPresent()) {
            putIfVersion(key, loaded.get(), version, ttl);
        }
        return loaded;
    }

    /** 批量读：一次 MGET 取值与版本，未命中的键交给 loader 一次性读库。 */
    public <T> Map<String, T> getMany(List<String> keys, Class<T> type, Duration ttl,
                                      Function<List<String>, Map<String, T>> loader) {
        Map<String, T> result = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return result;
        }
        List<String> missing = new ArrayList<>();
        Map<String, String> versions = new LinkedHashMap<>();
        try {
            String[] all = new String[keys.size() * 2];
            for (int i = 0; i < keys.size(); i++) {
                all[2 * i] = keys.get(i);
                all[2 * i + 1] = keys.get(i) + VERSION_SUFFIX;
            }
            List<KeyValue<String, String>> values = commands().mget(all);
            for (int i = 0; i < keys.size(); i++) {
                String cached = values.get(2 * i).getValueOrElse(null);
                if (cached != null) {
                    result.put(keys.get(i), objectMapper.readValue(cached, type));
                } else {
                    missing.add(keys.get(i));
                    versions.put(keys.get(i), values.get(2 * i + 1).getValueOrElse(""));
                }
            }
        } catch (RuntimeException | IOException e) {
            LOG.warn("cache batch read failed, falling back to database", e);
            return loader.apply(keys);
        }
        if (!missing.isEmpty()) {
            Map<String, T> loaded = loader.apply(missing);
            loaded.forEach((k, v) -> putIfVersion(k, v, versions.getOrDefault(k, ""), ttl));
            result.putAll(loaded);
        }
        return result;
    }

    /** 写库成功后调用：递增版本并删除缓存，使正在进行的回填失效。 */
    public void invalidate(String... keys) {
        if (keys.length == 0) {
            return;
        }
        try {
            commands().eval(INVALIDATE, ScriptOutputType.INTEGER, keys, VERSION_SUFFIX, Long.toString(VERSION_TTL_MS));
        } catch (RuntimeException e) {
            // 删除失败时旧值最多存活一个 TTL；记录下来便于排查
            LOG.error("cache invalidation failed for {}", String.join(",", keys), e);
        }
    }

    private <T> void putIfVersion(String key, T value, String version, Duration ttl) {
        try {
            String json = objectMapper.writeValueAsString(value);
            commands().eval(PUT_IF_VERSION, ScriptOutputType.INTEGER, new String[]{key, key + VERSION_SUFFIX},
                    version, json, Long.toString(ttl.toMillis()));
        } catch (RuntimeException | IOException e) {
            LOG.warn("cache fill failed for {}", key, e);
        }
    }

    private RedisCommands<String, String> commands() {
        return connection.sync();
    }
}
