package com.acme.im.task.registration;

import com.acme.im.task.TaskDispatcher;
import com.acme.im.task.kafka.TaskConsumerRunner;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.options.PutOption;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * 常驻函数实例在 etcd 的登记：租约 + put + keep-alive，键 {prefix}/{function}/{instanceId}，
 * 值为带任务类型的 JSON。租约丢失（etcd 重启、网络分区）后自动重新登记；实例退出时撤销租约。
 * Lambda 实例寿命短且不常驻，不登记。
 */
@Singleton
@Requires(notEnv = Environment.FUNCTION)
@Requires(property = "im.task.registration.enabled", notEquals = "false")
@Requires(beans = TaskConsumerRunner.class)
public class FunctionRegistration implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionRegistration.class);

    private final FunctionRegistrationConfiguration config;
    private final TaskDispatcher dispatcher;
    private final TaskConsumerRunner runner;
    private final JsonMapper jsonMapper;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "function-registration");
        t.setDaemon(true);
        return t;
    });
    private volatile Client client;
    private volatile long leaseId;
    private volatile boolean closed;
    private volatile int httpPort;

    public FunctionRegistration(FunctionRegistrationConfiguration config, TaskDispatcher dispatcher,
                                TaskConsumerRunner runner, JsonMapper jsonMapper) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.runner = runner;
        this.jsonMapper = jsonMapper;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        httpPort = event.getSource().getPort();
        client = Client.builder().endpoints(config.getEndpoints().toArray(String[]::new)).build();
        scheduler.execute(this::register);
    }

    /** 本实例的键。 */
    public String key() {
        return config.getPrefix() + "/" + runner.groupId() + "/" + dispatcher.instanceId();
    }

    private void register() {
        if (closed) {
            return;
        }
        try {
            long ttlSeconds = Math.max(1, config.getTtl().toSeconds());
            long id = client.getLeaseClient().grant(ttlSeconds).get(5, TimeUnit.SECONDS).getID();
            FunctionInstance instance = new FunctionInstance(runner.groupId(), dispatcher.instanceId(), hostName(), httpPort,
                    new ArrayList<>(dispatcher.taskTypes()), runner.topics(), runner.groupId(), System.currentTimeMillis());
            client.getKVClient().put(bytes(key()), ByteSequence.from(jsonMapper.writeValueAsBytes(instance)),
                    PutOption.builder().withLeaseId(id).build()).get(5, TimeUnit.SECONDS);
            leaseId = id;
            client.getLeaseClient().keepAlive(id, new StreamObserver<>() {
                @Override
                public void onNext(LeaseKeepAliveResponse value) {
                    // 续约成功，无需处理
                }

                @Override
                public void onError(Throwable t) {
                    LOG.warn("etcd keep-alive for {} failed, re-registering: {}", key(), t.toString());
                    retryLater();
                }

                @Override
                public void onCompleted() {
                    retryLater();
                }
            });
            LOG.info("registered task function {} types={} in etcd", key(), dispatcher.taskTypes());
        } catch (IOException | RuntimeException | java.util.concurrent.ExecutionException
                 | java.util.concurrent.TimeoutException e) {
            LOG.warn("etcd registration of {} failed, retrying: {}", key(), e.toString());
            retryLater();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void retryLater() {
        if (!closed) {
            scheduler.schedule(this::register, config.getRetryDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void close() {
        closed = true;
        scheduler.shutdownNow();
        Client c = client;
        if (c != null) {
            try {
                if (leaseId != 0) {
                    c.getLeaseClient().revoke(leaseId).get(2, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                LOG.debug("lease revoke failed: {}", e.toString());
            } finally {
                c.close();
            }
        }
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }
}
