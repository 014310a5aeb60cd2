package com.acme.im.runtime.discovery;

import io.etcd.jetcd.Client;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.acme.im.runtime.discovery.DiscoveryInstances.ENDPOINT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 没有 HTTP/gRPC 服务器的应用（任务函数）：在自己的前缀下只带元数据注册，关闭即注销；
 * 以及直接调用 {@link EtcdRegistrar#register(ServiceEntry)} 的公开 API。
 */
class EtcdFunctionRegistrationIT {

    private static final String FUNCTIONS = "/im/functions";

    private Client etcd;
    private String serviceId;

    @BeforeEach
    void setUp() {
        etcd = DiscoveryInstances.etcd(ENDPOINT);
        serviceId = DiscoveryInstances.uniqueServiceId();
    }

    @AfterEach
    void tearDown() {
        etcd.close();
    }

    @Test
    void functionWithoutServerRegistersMetadataUnderItsOwnPrefix() throws Exception {
        String key = FUNCTIONS + "/" + serviceId + "/fn-1";
        try (ApplicationContext function = ApplicationContext.run(Map.of(
                "micronaut.application.name", serviceId,
                "im.discovery.endpoints", ENDPOINT,
                "im.discovery.prefix", FUNCTIONS,
                "im.discovery.register-without-server", true,
                "im.discovery.instance-id", "fn-1",
                "im.discovery.lease-ttl", 30,
                "im.discovery.metadata.task-types", "fanout,push"))) {

            // 首次注册可能因机器繁忙超时而转入后台重试：等待注册项出现，而不是要求启动时立刻可见
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> DiscoveryInstances.entries(etcd, FUNCTIONS, serviceId).keySet().equals(Set.of(key)));
            Map<String, String> entries = DiscoveryInstances.entries(etcd, FUNCTIONS, serviceId);
            Map<?, ?> value = function.getBean(JsonMapper.class).readValue(entries.get(key), Map.class);
            assertEquals(Map.of("task-types", "fanout,push"), value.get("metadata"));
            assertEquals(0, ((Number) value.get("grpcPort")).intValue());
            assertEquals(0, ((Number) value.get("httpPort")).intValue());

            // 查找前缀与注册前缀分开，默认仍是 /im/services：函数照样能解析 etcd:///repo-app
            EtcdDiscoveryClient discovery = function.getBean(EtcdDiscoveryClient.class);
            assertTrue(discovery.getEntries(serviceId).get().isEmpty(), "lookup prefix defaults to /im/services");
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> DiscoveryInstances.entries(etcd, FUNCTIONS, serviceId).isEmpty());
    }

    @Test
    void registrarApiRegistersUpdatesAndDeregisters() throws Exception {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "im.discovery.endpoints", ENDPOINT,
                "im.discovery.prefix", FUNCTIONS,
                "im.discovery.lookup-prefix", FUNCTIONS,
                "im.discovery.lease-ttl", 30))) {
            EtcdRegistrar registrar = context.getBean(EtcdRegistrar.class);
            EtcdDiscoveryClient discovery = context.getBean(EtcdDiscoveryClient.class);

            ServiceEntry entry = ServiceEntry.of(serviceId, "api-1", "127.0.0.1", Map.of("task-types", "audit"));
            assertTrue(registrar.register(entry));
            long lease = registrar.leaseId();
            assertEquals(List.of(entry), discovery.getEntries(serviceId).get());

            ServiceEntry updated = entry.withHttpPort(8093);
            assertTrue(registrar.register(updated));
            assertEquals(lease, registrar.leaseId(), "an update keeps the lease");
            assertEquals(List.of(updated), discovery.getEntries(serviceId).get());

            registrar.deregister();
            assertTrue(discovery.getEntries(serviceId).get().isEmpty());
        }
    }
}
