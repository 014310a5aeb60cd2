package com.acme.im.runtime.discovery;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.micronaut.context.ApplicationContext;
import com.acme.im.testsupport.TestPorts;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * 集成测试的公共部分：起服务实例（进程内或独立 JVM）、起调用方、直接读 etcd。
 */
final class DiscoveryInstances {

    static final String SPEC = "EtcdDiscoveryIT";
    static final String CLIENT_SPEC = "EtcdDiscoveryIT-client";

    static final String ENDPOINT = System.getenv().getOrDefault("IM_ETCD_ENDPOINTS", "http://127.0.0.1:2379");

    private DiscoveryInstances() {
    }

    static String uniqueServiceId() {
        return "disc-it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> instanceProperties(String endpoint, String serviceId, String instanceId, int grpcPort, long ttl) {
        Map<String, Object> props = new HashMap<>();
        props.put("spec.name", SPEC);
        props.put("micronaut.application.name", serviceId);
        props.put("micronaut.server.port", TestPorts.free());
        props.put("grpc.server.port", grpcPort);
        props.put("im.discovery.endpoints", endpoint);
        props.put("im.discovery.instance-id", instanceId);
        props.put("im.discovery.lease-ttl", ttl);
        props.put("im.discovery.metadata.marker", Integer.toString(grpcPort));
        return props;
    }

    /** 进程内实例：HTTP（随机端口）+ gRPC 两个服务器，应当合并成一条注册项。 */
    static EmbeddedServer startInstance(String endpoint, String serviceId, String instanceId, int grpcPort, long ttl) {
        return ApplicationContext.run(EmbeddedServer.class, instanceProperties(endpoint, serviceId, instanceId, grpcPort, ttl));
    }

    /** 调用方：通过 {@code grpc.channels.marker-svc.address: etcd:///serviceId} 访问。 */
    static ApplicationContext startClient(String endpoint, String serviceId) {
        return startClientWithAddress(endpoint, "etcd:///" + serviceId);
    }

    /** 调用方，通道地址任意（etcd:/// 目标或静态 host:port）。 */
    static ApplicationContext startClientWithAddress(String endpoint, String address) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("spec.name", CLIENT_SPEC);
        props.put("im.discovery.endpoints", endpoint);
        props.put("im.discovery.register", false);
        props.put("grpc.channels." + MarkerClient.CHANNEL + ".address", address);
        props.put("grpc.channels." + MarkerClient.CHANNEL + ".plaintext", true);
        return ApplicationContext.run(props);
    }

    /** 独立 JVM 中的实例，用来模拟不注销就消失（destroyForcibly）。 */
    static Process forkInstance(String endpoint, String serviceId, String instanceId, int grpcPort, long ttl) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DiscoveryTestMain.class.getName());
        instanceProperties(endpoint, serviceId, instanceId, grpcPort, ttl)
                .forEach((k, v) -> command.add(k + "=" + v));
        File log = Path.of("target", "forked-" + instanceId + ".log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    /**
     * 取空闲端口：避开系统临时端口段（32768 起），否则并发的出站连接可能在分叉进程绑定前占用它。
     */
    static int freePort() {
        return TestPorts.free();
    }

    static Client etcd(String endpoint) {
        return Client.builder().endpoints(endpoint).build();
    }

    /** 某服务下全部键到值（JSON 字符串）。 */
    static Map<String, String> entries(Client etcd, String prefix, String serviceId) throws Exception {
        String servicePrefix = ServiceEntryCodec.servicePrefix(prefix, serviceId);
        Map<String, String> result = new LinkedHashMap<>();
        for (KeyValue kv : etcd.getKVClient()
                .get(ByteSequence.from(servicePrefix, StandardCharsets.UTF_8), GetOption.builder().isPrefix(true).build())
                .get(5, TimeUnit.SECONDS).getKvs()) {
            result.put(kv.getKey().toString(StandardCharsets.UTF_8), kv.getValue().toString(StandardCharsets.UTF_8));
        }
        return result;
    }
}
