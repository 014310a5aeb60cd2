package com.acme.im.runtime.discovery;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.discovery.EmbeddedServerInstance;
import io.micronaut.discovery.ServiceInstance;
import io.micronaut.discovery.event.ServiceReadyEvent;
import io.micronaut.discovery.event.ServiceStoppedEvent;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.ApplicationConfiguration;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * 自动注册：HTTP 与 gRPC 服务器各自发出 ServiceReadyEvent，这里把两个端口合并进同一条注册项
 * （第二个服务器就绪时覆盖更新）；任一服务器停止时注销。
 * {@code im.discovery.register-without-server=true} 时在启动事件里就注册只带元数据的注册项。
 */
@Singleton
@Requires(property = DiscoveryConfiguration.ENABLED, notEquals = "false")
@Requires(property = DiscoveryConfiguration.PREFIX + ".register", notEquals = "false")
public class EtcdRegistrationListener {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdRegistrationListener.class);

    private final EtcdRegistrar registrar;
    private final DiscoveryConfiguration configuration;
    private final ApplicationConfiguration applicationConfiguration;
    private ServiceEntry entry;

    public EtcdRegistrationListener(EtcdRegistrar registrar,
                                    DiscoveryConfiguration configuration,
                                    ApplicationConfiguration applicationConfiguration) {
        this.registrar = registrar;
        this.configuration = configuration;
        this.applicationConfiguration = applicationConfiguration;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (configuration.isRegisterWithoutServer()) {
            merge(null, UnaryOperator.identity());
        }
    }

    @EventListener
    void onServiceReady(ServiceReadyEvent event) {
        ServiceInstance instance = event.getSource();
        int port = instance.getPort();
        if (isGrpc(instance)) {
            merge(instance, e -> e.withGrpcPort(port));
        } else {
            merge(instance, e -> e.withHttpPort(port));
        }
    }

    @EventListener
    void onServiceStopped(ServiceStoppedEvent event) {
        synchronized (this) {
            entry = null;
        }
        registrar.deregister();
    }

    private synchronized void merge(ServiceInstance instance, UnaryOperator<ServiceEntry> change) {
        if (entry == null) {
            Optional<String> serviceId = Optional.ofNullable(configuration.getServiceId())
                    .or(applicationConfiguration::getName)
                    .or(() -> Optional.ofNullable(instance).map(ServiceInstance::getId));
            if (serviceId.isEmpty()) {
                // 没有服务名就无法组成键，提示配置而不是让启动失败
                LOG.warn("not registering in etcd: set micronaut.application.name or im.discovery.service-id");
                return;
            }
            entry = ServiceEntry.of(serviceId.get(), configuration.getInstanceId(), configuration.getHost(),
                    configuration.getMetadata());
        }
        entry = change.apply(entry);
        registrar.register(entry);
    }

    private static boolean isGrpc(ServiceInstance instance) {
        return instance instanceof EmbeddedServerInstance esi && esi.getEmbeddedServer() instanceof GrpcEmbeddedServer;
    }
}
