package com.acme.im.repo.conversation;

import com.acme.im.repo.cache.CacheConfiguration;
import com.acme.im.repo.cache.LruMap;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * 会话列表第一页的进程内缓存。列表是最热的读接口，而它的一次数据库查询（排序、连表、网络往返）比其余各段加起来还贵；
 * 命中时只需一次 Redis MGET 核对版本键（ConversationVersionStore）：用户自己的键与他所在每个群/世界会话的键都没变，页面就仍然正确。
 * 回填前先读（缺则建）版本键、再读库：读库期间任何写者在提交后删键，条目记下的旧值就对不上，下次必然重读（无回填竞态）。
 * 用户加入的群变了（条目里的群集合与库里的不同）时这次不算数，下一次按新集合预读后再缓存。
 * Redis 不可用时直接读库、不缓存。
 */
@Singleton
public class ConversationListCache {

    /** 所在群/世界会话超过这个数的用户不缓存：核对的 MGET 会比读库还贵。 */
    static final int MAX_GROUPS = 200;

    private final ConversationVersionStore store;
    private final boolean enabled;
    private final long ttlNanos;
    private final LruMap<Long, Entry> entries;
    private final Counter hits;
    private final Counter misses;

    public ConversationListCache(ConversationVersionStore store, CacheConfiguration configuration, MeterRegistry meters) {
        this.store = store;
        this.hits = meters.counter("im.repo.conversation_list_cache", "result", "hit");
        this.misses = meters.counter("im.repo.conversation_list_cache", "result", "miss");
        this.enabled = configuration.listEnabled() && configuration.listMaxUsers() > 0;
        this.ttlNanos = configuration.listTtl().toNanos();
        this.entries = new LruMap<>(configuration.listMaxUsers(), configuration.localMaxBytes());
    }

    public boolean enabled() {
        return enabled;
    }

    /** 仍然有效的缓存页。 */
    public Optional<ConversationService.ConversationPage> get(long userId, int pageSize) {
        Optional<ConversationService.ConversationPage> page = lookup(userId, pageSize);
        (page.isPresent() ? hits : misses).increment();
        return page;
    }

    private Optional<ConversationService.ConversationPage> lookup(long userId, int pageSize) {
        Entry e = entries.get(userId);
        if (e == null || e.versions == null || e.pageSize != pageSize || e.failures != store.failures()
                || System.nanoTime() - e.createdAt > ttlNanos) {
            return Optional.empty();
        }
        return store.unchanged(e.keys, e.versions) ? Optional.of(e.page) : Optional.empty();
    }

    /** 读库之前调用：按上次见到的群集合预读（缺则建）版本键；Redis 不可用时返回 null（这次不缓存）。 */
    public Ticket prepare(long userId) {
        Entry previous = entries.get(userId);
        List<String> keys = previous == null ? List.of(ConversationVersionStore.userKey(userId)) : previous.keys;
        long failures = store.failures();
        List<String> versions = store.snapshot(keys);
        return versions == null ? null : new Ticket(keys, versions, failures);
    }

    /** 读库之后调用：groupIds 是库里该用户的全部群/世界会话（多于 MAX_GROUPS 时不缓存）。 */
    public void put(long userId, int pageSize, ConversationService.ConversationPage page, List<String> groupIds, Ticket ticket) {
        if (ticket == null || groupIds.size() > MAX_GROUPS) {
            entries.remove(userId);
            return;
        }
        List<String> keys = keys(userId, groupIds);
        // 群集合与预读的不同：记下新集合但不生效，下次按它预读
        List<String> versions = keys.equals(ticket.keys()) ? ticket.versions() : null;
        entries.put(userId, new Entry(pageSize, page, keys, versions, ticket.failures(), System.nanoTime()), weight(page, keys));
    }

    /** 估算的字节数：每项的固定开销加最后一条消息的内容（Java 字符串按每字符 2 字节算），再加版本键。 */
    private static long weight(ConversationService.ConversationPage page, List<String> keys) {
        long w = 256 + 64L * keys.size();
        for (ConversationView v : page.conversations()) {
            w += 512 + 2L * (chars(v.name()) + chars(v.avatarUrl()));
            if (v.row().lastMessage() != null) {
                w += 2L * chars(v.row().lastMessage().content());
            }
        }
        return w;
    }

    private static int chars(String s) {
        return s == null ? 0 : s.length();
    }

    private static List<String> keys(long userId, List<String> groupIds) {
        List<String> keys = new ArrayList<>(groupIds.size() + 1);
        keys.add(ConversationVersionStore.userKey(userId));
        groupIds.stream().sorted().forEach(g -> keys.add(ConversationVersionStore.conversationKey(g)));
        return List.copyOf(keys);
    }

    /** 读库前预读的版本键与值。 */
    public record Ticket(List<String> keys, List<String> versions, long failures) {
    }

    private record Entry(int pageSize, ConversationService.ConversationPage page, List<String> keys, List<String> versions,
                         long failures, long createdAt) {
    }
}
