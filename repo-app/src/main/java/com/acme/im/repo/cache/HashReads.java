package com.acme.im.repo.cache;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.MapOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * 一批 HGETALL 一次写出、一次等待。逐条调用 async().hgetall 时 Lettuce 每条命令单独 flush（各一次 write 系统调用），
 * 扩散一条 5000 人群的消息要读 5000 个在线哈希，这些 flush 曾占 repo 三成 CPU；dispatch 整批命令只 flush 一次。
 * 不关连接的自动 flush：连接是共享的，关掉会拖住别的线程的命令。
 */
public final class HashReads {

    private HashReads() {
    }

    /**
     * @return 与 keys 同序的哈希内容（键不存在时为空 Map）
     * @throws IllegalStateException 超时或 Redis 报错
     */
    public static List<Map<String, String>> hgetAll(StatefulRedisConnection<String, String> connection, List<String> keys,
                                                    long timeoutSeconds) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<AsyncCommand<String, String, Map<String, String>>> commands = new ArrayList<>(keys.size());
        for (String key : keys) {
            commands.add(new AsyncCommand<>(new Command<>(CommandType.HGETALL, new MapOutput<>(StringCodec.UTF8),
                    new CommandArgs<>(StringCodec.UTF8).addKey(key))));
        }
        List<RedisCommand<String, String, ?>> batch = new ArrayList<>(commands);
        connection.dispatch(batch);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        List<Map<String, String>> out = new ArrayList<>(keys.size());
        try {
            for (AsyncCommand<String, String, Map<String, String>> c : commands) {
                Map<String, String> value = c.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                out.add(value == null ? Map.of() : value);
            }
        } catch (TimeoutException e) {
            commands.forEach(c -> c.cancel(false));
            throw new IllegalStateException("redis hash reads timed out after " + timeoutSeconds + " s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("redis hash reads failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading redis hashes", e);
        }
        return out;
    }
}
