package com.acme.im.runtime.discovery;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * 把本实例的一条注册项挂在 etcd 租约上并持续续约。
 * 续约流报错或结束（etcd 重启、租约过期）时，按指数退避重新申请租约并重新写入；
 * 关闭时先删键再撤销租约，让调用方立刻而不是等 TTL 后看到实例下线。
 * 也是无服务器应用（任务函数）直接调用的公开 API。
 */
@Singleton
@Requires(property = DiscoveryConfiguration.ENABLED, notEquals = "false")
public class EtcdRegistrar {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdRegistrar.class);
    private static final long INITIAL_RETRY_MILLIS = 200;

    private final Client client;
    private final ServiceEntryCodec codec;
    private final DiscoveryConfiguration configuration;
    private final ScheduledExecutorService scheduler;
    private final Object lock = new Object();

    // 以下字段都由 lock 保护
    private ServiceEntry desired;
    private String registeredKey;
    private long leaseId;
    private long lostLeaseId;
    private CloseableClient keepAlive;
    private long generation;
    private int failures;
    private ScheduledFuture<?> retry;
    private boolean closed;

    public EtcdRegistrar(Client client, ServiceEntryCodec codec, DiscoveryConfiguration configuration) {
        this.client = client;
        this.codec = codec;
        this.configuration = configuration;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "etcd-registrar");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * 注册或更新本实例（前缀取 {@code im.discovery.prefix}）。同一个键已有租约时只覆盖值，不换租约；
     * etcd 暂不可用时在后台退避重试，不抛异常。
     *
     * @return 本次是否已经写入 etcd
     */
    public boolean register(ServiceEntry entry) {
        String key = ServiceEntryCodec.key(configuration.getPrefix(), entry.serviceId(), entry.instanceId());
        synchronized (lock) {
            if (closed) {
                return false;
            }
            desired = entry;
            if (leaseId != 0 && key.equals(registeredKey)) {
                try {
                    put(key, entry, leaseId);
                    LOG.info("updated etcd registration {}", key);
                    return true;
                } catch (Exception e) {
                    LOG.warn("updating etcd registration {} failed, re-registering: {}", key, e.toString());
                }
            } else if (registeredKey != null && !key.equals(registeredKey)) {
                deleteQuietly(registeredKey);
            }
            return attempt();
        }
    }

    /** 删除注册项并撤销租约；未注册时什么也不做。 */
    public void deregister() {
        synchronized (lock) {
            desired = null;
            generation++;
            cancelRetry();
            closeKeepAlive();
            if (registeredKey != null) {
                deleteQuietly(registeredKey);
                LOG.info("deregistered {} from etcd", registeredKey);
            }
            revokeQuietly(leaseId);
            revokeQuietly(lostLeaseId);
            registeredKey = null;
            leaseId = 0;
            lostLeaseId = 0;
        }
    }

    /** 当前期望注册的内容（可能正在重试中）。 */
    public Optional<ServiceEntry> currentEntry() {
        synchronized (lock) {
            return Optional.ofNullable(desired);
        }
    }

    /** 当前持有的租约，0 表示没有（未注册或正在重新注册）。 */
    public long leaseId() {
        synchronized (lock) {
            return leaseId;
        }
    }

    @PreDestroy
    void close() {
        try {
            deregister();
        } finally {
            synchronized (lock) {
                closed = true;
            }
            scheduler.shutdownNow();
        }
    }

    // 调用方持有 lock
    private boolean attempt() {
        closeKeepAlive();
        if (leaseId != 0) {
            lostLeaseId = leaseId;
            leaseId = 0;
        }
        ServiceEntry entry = desired;
        String key = ServiceEntryCodec.key(configuration.getPrefix(), entry.serviceId(), entry.instanceId());
        long granted = 0;
        try {
            granted = client.getLeaseClient().grant(configuration.getLeaseTtl(), timeoutMillis(), TimeUnit.MILLISECONDS)
                    .get(2 * timeoutMillis(), TimeUnit.MILLISECONDS).getID();
            put(key, entry, granted);
            long gen = ++generation;
            keepAlive = client.getLeaseClient().keepAlive(granted, new KeepAliveObserver(gen));
            leaseId = granted;
            registeredKey = key;
            failures = 0;
            LOG.info("registered {} in etcd with lease {} (ttl {}s)", key, Long.toHexString(granted), configuration.getLeaseTtl());
            // 键已经挂到新租约上，撤销旧租约不会删掉它
            revokeQuietly(lostLeaseId);
            lostLeaseId = 0;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            if (granted != 0) {
                revokeQuietly(granted);
            }
            scheduleRetry(key, e);
            return false;
        }
    }

    private void put(String key, ServiceEntry entry, long lease) throws Exception {
        client.getKVClient()
                .put(bytes(key), ByteSequence.from(codec.encode(entry)), PutOption.builder().withLeaseId(lease).build())
                .get(timeoutMillis(), TimeUnit.MILLISECONDS);
    }

    private void scheduleRetry(String key, Exception cause) {
        cancelRetry();
        long delay = Math.min(configuration.getMaxRetryDelay().toMillis(), INITIAL_RETRY_MILLIS << Math.min(failures, 10));
        failures++;
        LOG.warn("etcd registration of {} failed (attempt {}), retrying in {} ms: {}", key, failures, delay, cause.toString());
        retry = scheduler.schedule(this::retry, delay, TimeUnit.MILLISECONDS);
    }

    private void retry() {
        synchronized (lock) {
            if (!closed && desired != null && leaseId == 0) {
                attempt();
            }
        }
    }

    private void leaseLost(long gen, String reason) {
        synchronized (lock) {
            if (closed || desired == null || gen != generation) {
                return;
            }
            LOG.warn("etcd lease {} lost ({}), re-registering", Long.toHexString(leaseId), reason);
            closeKeepAlive();
            lostLeaseId = leaseId;
            leaseId = 0;
            generation++;
            cancelRetry();
            attempt();
        }
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    private void closeKeepAlive() {
        if (keepAlive != null) {
            keepAlive.close();
            keepAlive = null;
        }
    }

    private void deleteQuietly(String key) {
        try {
            client.getKVClient().delete(bytes(key)).get(timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("could not delete {} from etcd (it expires with its lease): {}", key, e.toString());
        }
    }

    private void revokeQuietly(long lease) {
        if (lease == 0) {
            return;
        }
        try {
            client.getLeaseClient().revoke(lease).get(timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // 旧租约可能已过期或 etcd 已换数据目录，撤销失败无害
            LOG.debug("revoking lease {} failed: {}", Long.toHexString(lease), e.toString());
        }
    }

    private long timeoutMillis() {
        Duration t = configuration.getRequestTimeout();
        return Math.max(100, t.toMillis());
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    /** 续约流的回调：只认自己那一代租约，过时的回调直接忽略。 */
    private final class KeepAliveObserver implements StreamObserver<LeaseKeepAliveResponse> {
        private final long gen;

        KeepAliveObserver(long gen) {
            this.gen = gen;
        }

        @Override
        public void onNext(LeaseKeepAliveResponse value) {
            // 续约成功，无需处理
        }

        @Override
        public void onError(Throwable t) {
            later(() -> leaseLost(gen, "keep-alive error: " + t.getMessage()));
        }

        @Override
        public void onCompleted() {
            later(() -> leaseLost(gen, "keep-alive completed"));
        }

        // 回调运行在 jetcd 的事件循环线程且可能持有其内部锁，转到调度线程再取 lock，避免死锁
        private void later(Runnable task) {
            try {
                scheduler.execute(task);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // 正在关闭，无需重新注册
            }
        }
    }
}
