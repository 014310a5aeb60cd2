package com.acme.im.runtime.discovery;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * /health 中的 etcd 项：对注册前缀做一次只计数的读取，能在超时内返回即 UP。
 * 同时报告端点与本实例的租约，便于排查“为什么别人解析不到我”。
 */
@Singleton
@Requires(property = DiscoveryConfiguration.ENABLED, notEquals = "false")
@Requires(classes = AbstractHealthIndicator.class)
public class EtcdHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    public static final String NAME = "etcd";

    private final Client client;
    private final DiscoveryConfiguration configuration;
    private final EtcdRegistrar registrar;

    public EtcdHealthIndicator(Client client, DiscoveryConfiguration configuration, EtcdRegistrar registrar) {
        this.client = client;
        this.configuration = configuration;
        this.registrar = registrar;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("endpoints", configuration.getEndpoints());
        try {
            long count = client.getKVClient()
                    .get(ByteSequence.from(configuration.getPrefix() + "/", StandardCharsets.UTF_8),
                            GetOption.builder().isPrefix(true).withCountOnly(true).build())
                    .get(configuration.getRequestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .getCount();
            healthStatus = HealthStatus.UP;
            details.put("registered", count);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            healthStatus = HealthStatus.DOWN;
            details.put("error", "interrupted");
        } catch (Exception e) {
            healthStatus = HealthStatus.DOWN;
            details.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        registrar.currentEntry().ifPresent(entry -> {
            details.put("instance", entry.instanceId());
            details.put("lease", Long.toHexString(registrar.leaseId()));
        });
        return details;
    }

    @Override
    protected String getName() {
        return NAME;
    }
}
