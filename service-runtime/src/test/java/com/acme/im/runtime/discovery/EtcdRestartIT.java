package com.acme.im.runtime.discovery;

import io.etcd.jetcd.Client;
import io.micronaut.context.ApplicationContext;
import io.micronaut.health.HealthStatus;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * etcd 重启（换成空数据目录，原有注册全部丢失）后：实例自动重新注册，解析器重新读取并重新监听。
 * 使用测试自己起的 etcd（23790），不碰共享的 2379。
 */
class EtcdRestartIT {

    private static final String PREFIX = "/im/services";

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void etcdRestartLeadsToReRegistrationAndResolverRecovers() throws Exception {
        ThrowawayEtcd etcdServer = new ThrowawayEtcd();
        resources.add(etcdServer);
        etcdServer.startFresh();
        String endpoint = ThrowawayEtcd.ENDPOINT;
        String serviceId = DiscoveryInstances.uniqueServiceId();

        ApplicationContext client = DiscoveryInstances.startClient(endpoint, serviceId);
        resources.add(client);
        int portA = DiscoveryInstances.freePort();
        EmbeddedServer a = DiscoveryInstances.startInstance(endpoint, serviceId, "a", portA, 3);
        resources.add(a.getApplicationContext());
        MarkerClient marker = client.getBean(MarkerClient.class);
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() ->
                assertEquals(Set.of((long) portA), markers(marker)));
        EtcdHealthIndicator health = a.getApplicationContext().getBean(EtcdHealthIndicator.class);
        assertEquals(HealthStatus.UP, Mono.from(health.getResult()).block().getStatus());

        etcdServer.kill();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertEquals(HealthStatus.DOWN, Mono.from(health.getResult()).block().getStatus()));
        // etcd 不在时，调用方保留最后已知的地址，调用照常成功
        assertEquals(Set.of((long) portA), markers(marker));

        etcdServer.startFresh();
        long restartedAt = System.nanoTime();
        String keyA = PREFIX + "/" + serviceId + "/a";
        try (Client etcd = DiscoveryInstances.etcd(endpoint)) {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() ->
                    DiscoveryInstances.entries(etcd, PREFIX, serviceId).containsKey(keyA));
            System.out.printf("etcd restart (empty data dir): re-registered %d ms after etcd came back%n",
                    (System.nanoTime() - restartedAt) / 1_000_000);
            assertEquals(HealthStatus.UP, Mono.from(health.getResult()).block().getStatus());

            // 重启后新加入的实例必须被调用方看到：证明解析器在 etcd 重启后重新监听了
            int portB = DiscoveryInstances.freePort();
            EmbeddedServer b = DiscoveryInstances.startInstance(endpoint, serviceId, "b", portB, 3);
            resources.add(b.getApplicationContext());
            long joinedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(40)).ignoreExceptions().untilAsserted(() ->
                    assertEquals(Set.of((long) portA, (long) portB), markers(marker)));
            System.out.printf("etcd restart: new instance resolved %d ms after it registered%n",
                    (System.nanoTime() - joinedAt) / 1_000_000);
        }
    }

    private static Set<Long> markers(MarkerClient marker) {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            seen.add(marker.call());
        }
        return seen;
    }
}
