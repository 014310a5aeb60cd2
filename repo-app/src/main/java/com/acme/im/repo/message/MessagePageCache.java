package com.acme.im.repo.message;

import com.acme.im.repo.cache.CacheConfiguration;
import com.acme.im.repo.cache.LruMap;
import com.acme.im.repo.conversation.ConversationVersionStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.function.Supplier;

/**
 * 会话最新一页历史的进程内缓存（打开会话时取的那页，同一会话的所有读者共用）。
 * 每次命中先读一次该会话在 Redis 里的版本键（ConversationVersionStore）：新消息、撤回、编辑、遮蔽都在提交后删它；
 * 回填前先读（缺则建）版本键再读库，读库期间的写一定让这次回填的条目失效。Redis 不可用时直接读库、不缓存。
 * 读权限不在这里：调用方先检查读者，再取页。
 */
@Singleton
public class MessagePageCache {

    private final ConversationVersionStore versions;
    private final boolean enabled;
    private final long ttlNanos;
    private final LruMap<String, Entry> entries;
    private final Counter hits;
    private final Counter misses;

    public MessagePageCache(ConversationVersionStore versions, CacheConfiguration configuration, MeterRegistry meters) {
        this.versions = versions;
        int max = configuration.historyMaxConversations();
        this.enabled = max > 0;
        this.ttlNanos = configuration.listTtl().toNanos();
        this.entries = new LruMap<>(max, configuration.localMaxBytes());
        this.hits = meters.counter("im.repo.history_page_cache", "result", "hit");
        this.misses = meters.counter("im.repo.history_page_cache", "result", "miss");
    }

    /** 会话 conversationId 最新的 size 条；缓存失效时用 loader 读库并回填。 */
    public MessagePage newest(String conversationId, int size, Supplier<MessagePage> loader) {
        if (!enabled) {
            return loader.get();
        }
        String cacheKey = conversationId + ':' + size;
        List<String> keys = List.of(ConversationVersionStore.historyKey(conversationId));
        Entry e = entries.get(cacheKey);
        if (e != null && e.failures == versions.failures() && System.nanoTime() - e.createdAt < ttlNanos
                && versions.unchanged(keys, List.of(e.version))) {
            hits.increment();
            return e.page;
        }
        misses.increment();
        long failures = versions.failures();
        List<String> snapshot = versions.snapshot(keys);
        if (snapshot == null) {
            return loader.get();
        }
        String version = snapshot.get(0);
        MessagePage page = loader.get();
        entries.put(cacheKey, new Entry(page, version, failures, System.nanoTime()), weight(page));
        return page;
    }

    /** 估算的字节数：每条消息的固定开销加内容（Java 字符串按每字符 2 字节算）。 */
    private static long weight(MessagePage page) {
        long w = 256;
        for (MessageRecord m : page.messages()) {
            w += 400 + 2L * (m.content() == null ? 0 : m.content().length());
        }
        return w;
    }

    private record Entry(MessagePage page, String version, long failures, long createdAt) {
    }
}
