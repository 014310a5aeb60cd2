package com.acme.im.runtime.discovery;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.discovery.DiscoveryClient;
import io.micronaut.discovery.ServiceInstance;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * 基于 etcd 的 Micronaut DiscoveryClient（查 {@code im.discovery.lookup-prefix}）。
 * 实例 URI 优先用 HTTP 端口（Micronaut 的 HTTP 客户端靠它负载均衡），没有 HTTP 时用 gRPC 端口；
 * 两个端口都放在元数据 {@code http-port} / {@code grpc-port} 中。gRPC 调用请用 {@code etcd:///} 目标而不是这里。
 */
@Singleton
@Requires(property = DiscoveryConfiguration.ENABLED, notEquals = "false")
public class EtcdDiscoveryClient implements DiscoveryClient {

    public static final String HTTP_PORT = "http-port";
    public static final String GRPC_PORT = "grpc-port";

    private final Client client;
    private final ServiceEntryCodec codec;
    private final DiscoveryConfiguration configuration;

    public EtcdDiscoveryClient(Client client, ServiceEntryCodec codec, DiscoveryConfiguration configuration) {
        this.client = client;
        this.codec = codec;
        this.configuration = configuration;
    }

    /** 某个服务当前的全部注册项（原始数据，含无端口的任务函数）。 */
    public CompletableFuture<List<ServiceEntry>> getEntries(String serviceId) {
        String prefix = ServiceEntryCodec.servicePrefix(configuration.getLookupPrefix(), serviceId);
        return client.getKVClient().get(bytes(prefix), GetOption.builder().isPrefix(true).build())
                .orTimeout(configuration.getRequestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(response -> {
                    List<ServiceEntry> entries = new ArrayList<>();
                    for (KeyValue kv : response.getKvs()) {
                        codec.decode(kv.getValue().getBytes()).ifPresent(entries::add);
                    }
                    return entries;
                });
    }

    @Override
    public Publisher<List<ServiceInstance>> getInstances(String serviceId) {
        return Publishers.fromCompletableFuture(() -> getEntries(serviceId).thenApply(entries -> entries.stream()
                .filter(e -> e.hasHttp() || e.hasGrpc())
                .map(EtcdDiscoveryClient::toInstance)
                .toList()));
    }

    @Override
    public Publisher<List<String>> getServiceIds() {
        String root = configuration.getLookupPrefix() + "/";
        return Publishers.fromCompletableFuture(() -> client.getKVClient()
                .get(bytes(root), GetOption.builder().isPrefix(true).withKeysOnly(true).build())
                .orTimeout(configuration.getRequestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(response -> {
                    TreeSet<String> ids = new TreeSet<>();
                    for (KeyValue kv : response.getKvs()) {
                        ServiceEntryCodec.serviceIdOf(root, kv.getKey().toString(StandardCharsets.UTF_8)).ifPresent(ids::add);
                    }
                    return List.copyOf(ids);
                }));
    }

    @Override
    public String getDescription() {
        return "etcd";
    }

    @Override
    public void close() {
        // jetcd 客户端由 EtcdClientFactory 管理生命周期
    }

    static ServiceInstance toInstance(ServiceEntry entry) {
        int port = entry.hasHttp() ? entry.httpPort() : entry.grpcPort();
        Map<String, String> metadata = new HashMap<>(entry.metadata());
        if (entry.hasHttp()) {
            metadata.put(HTTP_PORT, Integer.toString(entry.httpPort()));
        }
        if (entry.hasGrpc()) {
            metadata.put(GRPC_PORT, Integer.toString(entry.grpcPort()));
        }
        return ServiceInstance.builder(entry.serviceId(), URI.create("http://" + entry.host() + ":" + port))
                .instanceId(entry.instanceId())
                .metadata(metadata)
                .build();
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
