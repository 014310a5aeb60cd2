package com.acme.im.runtime.discovery;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.StatusOr;
import io.grpc.SynchronizationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * 监听 etcd 中某个服务前缀的 gRPC 名字解析器：先全量读取，再从读取时的版本号之后开始监听，
 * 实例增减即时推送给通道；监听出错时退避后重新读取并重新监听；etcd 暂不可用时保留上次的地址。
 * 定期全量重读兜底：etcd 换了数据目录后版本号倒退，旧监听会一直收不到事件。
 * 所有状态只在 gRPC 的 SynchronizationContext 中读写，无需加锁。
 */
final class EtcdNameResolver extends NameResolver {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdNameResolver.class);
    private static final long INITIAL_RETRY_MILLIS = 200;

    private final Client client;
    private final ServiceEntryCodec codec;
    private final String keyPrefix;
    private final String authority;
    private final SynchronizationContext syncContext;
    private final ScheduledExecutorService scheduler;
    private final ConfigOrError serviceConfig;
    private final Duration maxRetryDelay;
    private final Duration resyncInterval;

    private final Map<String, ServiceEntry> entries = new TreeMap<>();
    private Listener2 listener;
    private Watch.Watcher watcher;
    private long watchGeneration;
    private long lastRevision;
    private long snapshotRevision;
    private boolean loading;
    private boolean loadedOnce;
    private boolean shutdown;
    private int failures;
    private SynchronizationContext.ScheduledHandle retryHandle;
    private SynchronizationContext.ScheduledHandle resyncHandle;

    EtcdNameResolver(Client client, ServiceEntryCodec codec, String keyPrefix, String authority, Args args,
                     Duration maxRetryDelay, Duration resyncInterval) {
        this.client = client;
        this.codec = codec;
        this.keyPrefix = keyPrefix;
        this.authority = authority;
        this.syncContext = args.getSynchronizationContext();
        this.scheduler = args.getScheduledExecutorService();
        this.maxRetryDelay = maxRetryDelay;
        this.resyncInterval = resyncInterval;
        // etcd 目标默认轮询：解析器提供的服务配置，通道配置了 defaultServiceConfig 时以解析结果为准
        this.serviceConfig = args.getServiceConfigParser()
                .parseServiceConfig(Map.of("loadBalancingConfig", List.of(Map.of("round_robin", Map.of()))));
    }

    @Override
    public String getServiceAuthority() {
        return authority;
    }

    @Override
    public void start(Listener2 listener) {
        this.listener = listener;
        load();
        scheduleResync();
    }

    @Override
    public void refresh() {
        // gRPC 在连接失败时会调用；只重读，不重建监听
        load();
    }

    @Override
    public void shutdown() {
        if (shutdown) {
            return;
        }
        shutdown = true;
        closeWatcher();
        if (retryHandle != null) {
            retryHandle.cancel();
        }
        if (resyncHandle != null) {
            resyncHandle.cancel();
        }
    }

    private void load() {
        if (shutdown || loading) {
            return;
        }
        loading = true;
        GetOption option = GetOption.builder().isPrefix(true).build();
        client.getKVClient().get(bytes(keyPrefix), option)
                .orTimeout(10, TimeUnit.SECONDS)
                .whenComplete((response, error) -> syncContext.execute(() -> onLoaded(response, error)));
    }

    private void onLoaded(GetResponse response, Throwable error) {
        loading = false;
        if (shutdown) {
            return;
        }
        if (error != null) {
            LOG.warn("reading {} from etcd failed: {}", keyPrefix, error.toString());
            if (!loadedOnce) {
                listener.onError(Status.UNAVAILABLE.withDescription("etcd unavailable for " + keyPrefix).withCause(error));
            }
            // 保留上次的地址，etcd 短暂不可用不应让调用全部失败
            scheduleRetry();
            return;
        }
        loadedOnce = true;
        failures = 0;
        entries.clear();
        for (KeyValue kv : response.getKvs()) {
            String key = kv.getKey().toString(StandardCharsets.UTF_8);
            codec.decode(kv.getValue().getBytes()).ifPresent(entry -> entries.put(key, entry));
        }
        long revision = response.getHeader().getRevision();
        snapshotRevision = revision;
        // 版本号倒退说明 etcd 换了数据目录，旧监听不会再收到事件，必须重建
        if (watcher == null || revision < lastRevision) {
            startWatch(revision);
        }
        publish();
    }

    private void startWatch(long revision) {
        closeWatcher();
        long gen = ++watchGeneration;
        lastRevision = revision;
        WatchOption option = WatchOption.builder().isPrefix(true).withRevision(revision + 1).build();
        watcher = client.getWatchClient().watch(bytes(keyPrefix), option, new Watch.Listener() {
            @Override
            public void onNext(WatchResponse response) {
                syncContext.execute(() -> onEvents(gen, response));
            }

            @Override
            public void onError(Throwable throwable) {
                syncContext.execute(() -> onWatchBroken(gen, true, throwable.toString()));
            }

            @Override
            public void onCompleted() {
                syncContext.execute(() -> onWatchBroken(gen, false, "watch completed"));
            }
        });
    }

    private void onEvents(long gen, WatchResponse response) {
        if (shutdown || gen != watchGeneration) {
            return;
        }
        for (WatchEvent event : response.getEvents()) {
            KeyValue kv = event.getKeyValue();
            String key = kv.getKey().toString(StandardCharsets.UTF_8);
            lastRevision = Math.max(lastRevision, kv.getModRevision());
            if (kv.getModRevision() <= snapshotRevision) {
                // 全量快照已包含这条变更，重放旧事件会把状态改回去
                continue;
            }
            if (event.getEventType() == WatchEvent.EventType.PUT) {
                codec.decode(kv.getValue().getBytes()).ifPresentOrElse(entry -> entries.put(key, entry), () -> entries.remove(key));
            } else if (event.getEventType() == WatchEvent.EventType.DELETE) {
                entries.remove(key);
            }
        }
        publish();
    }

    private void onWatchBroken(long gen, boolean failed, String reason) {
        if (shutdown || gen != watchGeneration) {
            return;
        }
        // 正常关闭客户端时也会收到 completed，只有错误才值得告警
        if (failed) {
            LOG.warn("etcd watch on {} broken ({}), re-reading and re-watching", keyPrefix, reason);
        } else {
            LOG.info("etcd watch on {} ended, re-reading and re-watching", keyPrefix);
        }
        closeWatcher();
        scheduleRetry();
    }

    private void publish() {
        List<EquivalentAddressGroup> groups = new ArrayList<>();
        entries.values().stream()
                .filter(ServiceEntry::hasGrpc)
                .sorted(Comparator.comparing(ServiceEntry::instanceId))
                // 每个实例一个地址组，round_robin 才会在实例之间轮询
                .forEach(e -> groups.add(new EquivalentAddressGroup(new InetSocketAddress(e.host(), e.grpcPort()))));
        listener.onResult(ResolutionResult.newBuilder()
                .setAddressesOrError(StatusOr.fromValue(groups))
                .setServiceConfig(serviceConfig)
                .build());
    }

    private void scheduleRetry() {
        if (shutdown || (retryHandle != null && retryHandle.isPending())) {
            return;
        }
        long delay = Math.min(maxRetryDelay.toMillis(), INITIAL_RETRY_MILLIS << Math.min(failures, 10));
        failures++;
        retryHandle = syncContext.schedule(this::load, delay, TimeUnit.MILLISECONDS, scheduler);
    }

    private void scheduleResync() {
        if (shutdown || resyncInterval.isZero() || resyncInterval.isNegative()) {
            return;
        }
        resyncHandle = syncContext.schedule(() -> {
            load();
            scheduleResync();
        }, resyncInterval.toMillis(), TimeUnit.MILLISECONDS, scheduler);
    }

    private void closeWatcher() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        watchGeneration++;
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
