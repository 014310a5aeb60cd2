package com.acme.im.runtime.discovery;

import io.etcd.jetcd.Client;
import io.micronaut.context.ApplicationContext;
import io.micronaut.discovery.DiscoveryClient;
import io.micronaut.discovery.ServiceInstance;
import io.micronaut.health.HealthStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.acme.im.runtime.discovery.DiscoveryInstances.ENDPOINT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 真实 etcd（127.0.0.1:2379 或 IM_ETCD_ENDPOINTS）上的注册、监听解析与轮询。
 */
class EtcdDiscoveryIT {

    private static final String PREFIX = "/im/services";
    private static final int CALLS = 20;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private String serviceId;
    private Client etcd;

    @BeforeEach
    void setUp() {
        serviceId = DiscoveryInstances.uniqueServiceId();
        etcd = DiscoveryInstances.etcd(ENDPOINT);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        etcd.close();
    }

    @Test
    void twoInstancesShareCallsAndGracefulStopDeregisters() throws Exception {
        ApplicationContext client = track(DiscoveryInstances.startClient(ENDPOINT, serviceId));
        int portA = DiscoveryInstances.freePort();
        int portB = DiscoveryInstances.freePort();
        // TTL 很长：下面实例在 TTL 之前就消失，只能是主动注销的结果
        EmbeddedServer a = DiscoveryInstances.startInstance(ENDPOINT, serviceId, "a", portA, 30);
        track(a.getApplicationContext());
        EmbeddedServer b = DiscoveryInstances.startInstance(ENDPOINT, serviceId, "b", portB, 30);
        track(b.getApplicationContext());

        // 注册在繁忙机器上可能转入后台重试：等两条注册项都出现
        Set<String> expected = Set.of(PREFIX + "/" + serviceId + "/a", PREFIX + "/" + serviceId + "/b");
        await().atMost(Duration.ofSeconds(30)).until(() -> DiscoveryInstances.entries(etcd, PREFIX, serviceId).keySet().equals(expected));
        Map<String, String> entries = DiscoveryInstances.entries(etcd, PREFIX, serviceId);
        JsonMapper json = client.getBean(JsonMapper.class);
        Map<?, ?> entryA = json.readValue(entries.get(PREFIX + "/" + serviceId + "/a"), Map.class);
        assertEquals(portA, ((Number) entryA.get("grpcPort")).intValue());
        assertEquals(a.getPort(), ((Number) entryA.get("httpPort")).intValue(), "one entry carries both ports");
        assertEquals("127.0.0.1", entryA.get("host"));

        MarkerClient marker = client.getBean(MarkerClient.class);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertEquals(Set.of((long) portA, (long) portB), markers(marker, CALLS)));

        DiscoveryClient discovery = client.getBean(EtcdDiscoveryClient.class);
        List<ServiceInstance> instances = Mono.from(discovery.getInstances(serviceId)).block();
        assertEquals(2, instances.size());
        assertTrue(instances.stream().anyMatch(i -> i.getPort() == a.getPort()
                && Integer.toString(portA).equals(i.getMetadata().get(EtcdDiscoveryClient.GRPC_PORT, String.class).orElse(null))));
        assertTrue(Mono.from(discovery.getServiceIds()).block().contains(serviceId));
        HealthResult health = Mono.from(client.getBean(EtcdHealthIndicator.class).getResult()).block();
        assertEquals(HealthStatus.UP, health.getStatus());

        long stoppedAt = System.nanoTime();
        a.getApplicationContext().close();
        await().atMost(Duration.ofSeconds(3)).until(() ->
                !DiscoveryInstances.entries(etcd, PREFIX, serviceId).containsKey(PREFIX + "/" + serviceId + "/a"));
        System.out.printf("graceful stop: entry removed after %d ms%n", (System.nanoTime() - stoppedAt) / 1_000_000);

        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                assertEquals(Set.of((long) portB), markers(marker, CALLS)));
        // 之后的调用全部成功、全部落在剩下的实例
        assertEquals(Set.of((long) portB), markers(marker, CALLS));
    }

    @Test
    void killedInstanceDisappearsWithinLeaseTtl() throws Exception {
        long ttl = 3;
        ApplicationContext client = track(DiscoveryInstances.startClient(ENDPOINT, serviceId));
        int portA = DiscoveryInstances.freePort();
        int portK = DiscoveryInstances.freePort();
        EmbeddedServer a = DiscoveryInstances.startInstance(ENDPOINT, serviceId, "a", portA, 30);
        track(a.getApplicationContext());
        Process killed = DiscoveryInstances.forkInstance(ENDPOINT, serviceId, "k", portK, ttl);
        resources.add(killed::destroyForcibly);

        MarkerClient marker = client.getBean(MarkerClient.class);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertEquals(Set.of((long) portA, (long) portK), markers(marker, CALLS)));

        String killedKey = PREFIX + "/" + serviceId + "/k";
        assertTrue(DiscoveryInstances.entries(etcd, PREFIX, serviceId).containsKey(killedKey));
        long killedAt = System.nanoTime();
        killed.destroyForcibly().waitFor();

        await().atMost(Duration.ofSeconds(ttl + 3)).pollInterval(Duration.ofMillis(100)).until(() ->
                !DiscoveryInstances.entries(etcd, PREFIX, serviceId).containsKey(killedKey));
        long goneMillis = (System.nanoTime() - killedAt) / 1_000_000;
        System.out.printf("killed instance: entry expired %d ms after kill (lease ttl %d s)%n", goneMillis, ttl);
        assertTrue(goneMillis <= (ttl + 1) * 1000, "expired within the lease TTL (+1 s etcd expiry granularity)");

        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                assertEquals(Set.of((long) portA), markers(marker, CALLS)));
        assertEquals(Set.of((long) portA), markers(marker, CALLS));
    }

    @Test
    void staticAddressChannelsStillWork() {
        int port = DiscoveryInstances.freePort();
        EmbeddedServer a = DiscoveryInstances.startInstance(ENDPOINT, serviceId, "a", port, 30);
        track(a.getApplicationContext());
        ApplicationContext client = track(DiscoveryInstances.startClientWithAddress(ENDPOINT, "127.0.0.1:" + port));

        assertEquals(Set.of((long) port), markers(client.getBean(MarkerClient.class), CALLS));
    }

    private static Set<Long> markers(MarkerClient marker, int calls) {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < calls; i++) {
            seen.add(marker.call());
        }
        return seen;
    }

    private ApplicationContext track(ApplicationContext context) {
        resources.add(context);
        return context;
    }
}
