package com.acme.im.repo.conversation;

import com.acme.im.repo.db.Database;
import com.acme.im.runtime.conversation.ConversationId;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 进程内读缓存（会话列表第一页、会话最新一页历史）的版本键（Redis）。列表：每个用户一个（他自己的已读、置顶、免打扰、
 * 进出会话，以及他的单聊），每个群/世界会话一个（新消息、成员数、最后一条消息被撤回/编辑/遮蔽）；
 * 历史：每个会话一个（新消息、撤回、编辑、遮蔽）。值是随机串，不是计数器：
 * 键被删或被淘汰后重建出来的值不会与旧值相同，缓存条目因此不会被“碰巧相同的版本”误认为仍然有效。
 * 写路径在提交后删除受影响的键（每次数据库调用一条 DEL）；一个 5000 人群的一条消息只删一个键，而不是 5000 个用户的键。
 */
@Singleton
public class ConversationVersionStore {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationVersionStore.class);
    private static final String USER_PREFIX = "conv_list:v:u:";
    private static final String CONVERSATION_PREFIX = "conv_list:v:c:";
    private static final String HISTORY_PREFIX = "conv_hist:v:";
    /** 版本键保留 1 天：过期只会让对应的缓存条目失效。 */
    private static final long VERSION_TTL_MS = Duration.ofDays(1).toMillis();
    /** 缺的键以调用方给的随机值建立（SET NX），再一并读出；一次往返。 */
    private static final String CREATE_AND_READ = """
            for i = 1, #KEYS do
              redis.call('SET', KEYS[i], ARGV[i], 'NX', 'PX', ARGV[#ARGV])
            end
            return redis.call('MGET', unpack(KEYS))
            """;

    private final StatefulRedisConnection<String, String> connection;
    /** 删除版本键失败的次数：变化后进程内的全部缓存条目作废（见 ConversationListCache）。 */
    private final AtomicLong failures = new AtomicLong();
    /** 当前线程这次数据库调用里待删的键。 */
    private final ThreadLocal<Set<String>> pending = new ThreadLocal<>();

    public ConversationVersionStore(StatefulRedisConnection<String, String> connection) {
        this.connection = connection;
    }

    public static String userKey(long userId) {
        return USER_PREFIX + userId;
    }

    public static String conversationKey(String conversationId) {
        return CONVERSATION_PREFIX + conversationId;
    }

    /** 会话最新一页历史的版本键。 */
    public static String historyKey(String conversationId) {
        return HISTORY_PREFIX + conversationId;
    }

    /** 这些用户的列表变了（提交后删除其版本键）。 */
    public void changedUsers(Collection<Long> userIds) {
        List<String> keys = new ArrayList<>(userIds.size());
        userIds.forEach(u -> keys.add(userKey(u)));
        deleteAfterCommit(keys);
    }

    /** 这些会话变了：作废其历史键；列表方面单聊作废两方用户的键，群与世界作废会话自己的键。 */
    public void changedConversations(Collection<String> conversationIds) {
        Set<String> keys = new LinkedHashSet<>();
        for (String raw : conversationIds) {
            ConversationId id = ConversationId.parse(raw);
            keys.add(historyKey(id.value()));
            if (id.isSingle()) {
                keys.add(userKey(id.smallUser()));
                keys.add(userKey(id.largeUser()));
            } else {
                keys.add(conversationKey(id.value()));
            }
        }
        deleteAfterCommit(keys);
    }

    /**
     * 这些键的当前值是否仍是 expected（缓存条目记下的版本）；Redis 不可用时为 false，调用方读库。
     */
    public boolean unchanged(List<String> keys, List<String> expected) {
        try {
            List<KeyValue<String, String>> values = connection.sync().mget(keys.toArray(String[]::new));
            for (int i = 0; i < values.size(); i++) {
                if (!expected.get(i).equals(values.get(i).getValueOrElse(null))) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            LOG.debug("cache versions unreadable, reading the database: {}", e.toString());
            return false;
        }
    }

    /**
     * 读库之前调用：读当前值，缺的键先建立（返回的值都不为 null）；Redis 不可用时返回 null，这次不缓存。
     */
    public List<String> snapshot(List<String> keys) {
        String[] args = new String[keys.size() + 1];
        for (int i = 0; i < keys.size(); i++) {
            args[i] = Long.toHexString(ThreadLocalRandom.current().nextLong()) + Long.toHexString(ThreadLocalRandom.current().nextLong());
        }
        args[keys.size()] = Long.toString(VERSION_TTL_MS);
        try {
            return connection.sync().eval(CREATE_AND_READ, ScriptOutputType.MULTI, keys.toArray(String[]::new), args);
        } catch (RuntimeException e) {
            LOG.debug("cache versions unavailable, not caching: {}", e.toString());
            return null;
        }
    }

    /** 删除失败的累计次数。 */
    public long failures() {
        return failures.get();
    }

    /**
     * 一次数据库调用里登记的全部键合成一条 DEL，在提交后发出。DEL 异步发出、不等回复：repo 的全部 Redis 命令走同一条连接，
     * 之后任何一次核对（MGET）都排在它后面，所以本实例不会读到旧页；别的实例最多晚这一条命令的传输时间。
     */
    private void deleteAfterCommit(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        Set<String> batch = pending.get();
        if (batch != null) {
            batch.addAll(keys);
            return;
        }
        Set<String> fresh = new LinkedHashSet<>(keys);
        pending.set(fresh);
        // 不在数据库调用中时立即执行
        Database.afterCommit(() -> {
            pending.remove();
            delete(fresh);
        });
    }

    private void delete(Set<String> keys) {
        try {
            connection.async().del(keys.toArray(String[]::new)).whenComplete((n, e) -> {
                if (e != null) {
                    failed(keys.size(), e);
                }
            });
        } catch (RuntimeException e) {
            failed(keys.size(), e);
        }
    }

    private void failed(int keys, Throwable e) {
        // 别的实例的缓存靠 TTL 兜底；本进程的全部条目立即作废
        failures.incrementAndGet();
        LOG.warn("conversation list versions not invalidated ({} keys): {}", keys, e.toString());
    }
}
