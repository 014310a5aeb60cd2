package com.acme.im.runtime.discovery;

import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import io.etcd.jetcd.Client;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.discovery.ServiceInstance;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(startApplication = false)
@Property(name = "im.discovery.enabled", value = "false")
class ServiceEntryCodecTest {

    @Inject
    ServiceEntryCodec codec;

    @Inject
    JsonMapper jsonMapper;

    @Inject
    ApplicationContext context;

    @Test
    void keyLayoutIsPrefixServiceInstance() {
        assertEquals("/im/services/repo-app/i-1", ServiceEntryCodec.key("/im/services", "repo-app", "i-1"));
        assertEquals("/im/functions/fanout-function/i-2", ServiceEntryCodec.key("im/functions/", "fanout-function", "i-2"));
        assertEquals("/im/services/repo-app/", ServiceEntryCodec.servicePrefix("/im/services", "repo-app"));
        assertEquals(Optional.of("repo-app"), ServiceEntryCodec.serviceIdOf("/im/services", "/im/services/repo-app/i-1"));
        assertEquals(Optional.empty(), ServiceEntryCodec.serviceIdOf("/im/services", "/im/functions/x/i-1"));
        ImException bad = assertThrows(ImException.class, () -> ServiceEntryCodec.key("/im/services", "repo/app", "i"));
        assertEquals(ErrorCode.INVALID_PARAMETER, bad.errorCode());
    }

    @Test
    void entryIsJsonWithHostPortsAndMetadata() throws Exception {
        ServiceEntry entry = ServiceEntry.of("repo-app", "i-1", "127.0.0.1", Map.of("zone", "a"))
                .withHttpPort(8081)
                .withGrpcPort(50051);

        byte[] json = codec.encode(entry);

        Map<?, ?> fields = jsonMapper.readValue(json, Map.class);
        assertEquals("127.0.0.1", fields.get("host"));
        assertEquals(8081, ((Number) fields.get("httpPort")).intValue());
        assertEquals(50051, ((Number) fields.get("grpcPort")).intValue());
        assertEquals(Map.of("zone", "a"), fields.get("metadata"));
        assertEquals(Optional.of(entry), codec.decode(json));
    }

    @Test
    void malformedValuesAreSkippedNotThrown() {
        assertTrue(codec.decode("not json".getBytes(StandardCharsets.UTF_8)).isEmpty());
        assertTrue(codec.decode("{\"serviceId\":\"x\",\"instanceId\":\"y\"}".getBytes(StandardCharsets.UTF_8)).isEmpty());
    }

    @Test
    void etcdTargetMapsToServicePrefix() {
        assertEquals("/im/services/repo-app/",
                EtcdNameResolverProvider.keyPrefix(URI.create("etcd:///repo-app"), "/im/services"));
        assertEquals("/im/functions/fanout-function/",
                EtcdNameResolverProvider.keyPrefix(URI.create("etcd:///im/functions/fanout-function"), "/im/services"));
    }

    @Test
    void discoveryInstanceUsesHttpPortThenGrpcPort() {
        ServiceEntry both = ServiceEntry.of("repo-app", "i-1", "127.0.0.1", Map.of()).withHttpPort(8081).withGrpcPort(50051);
        ServiceInstance instance = EtcdDiscoveryClient.toInstance(both);
        assertEquals(8081, instance.getPort());
        assertEquals("i-1", instance.getInstanceId().orElseThrow());
        assertEquals("50051", instance.getMetadata().get(EtcdDiscoveryClient.GRPC_PORT, String.class).orElseThrow());

        ServiceEntry grpcOnly = ServiceEntry.of("logic-app", "i-2", "127.0.0.1", Map.of()).withGrpcPort(50052);
        assertEquals(50052, EtcdDiscoveryClient.toInstance(grpcOnly).getPort());
    }

    @Test
    void disablingDiscoveryRemovesEtcdBeans() {
        assertFalse(context.containsBean(Client.class));
        assertFalse(context.containsBean(EtcdRegistrar.class));
        assertFalse(context.containsBean(EtcdNameResolverProvider.class));
    }
}
