package com.acme.im.gateway.ops;

import com.acme.im.gateway.GatewayConfiguration;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration.NettyListenerConfiguration;
import io.micronaut.management.endpoint.EndpointDefaultConfiguration;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * 把管理端点（/health、/health/liveness、/health/readiness、/prometheus）放到单独的、只监听回环的端口上。
 * Micronaut 自己的 endpoints.all.port 会让管理监听器与公网监听器绑定同一个地址（micronaut.server.host），
 * 所以这里显式声明两个监听器：公网端口（默认路由：REST 与 /ws）在前，EmbeddedServer.getPort() 与 etcd 登记的仍是它；
 * 管理端口只暴露端点路由，绑定 im.gateway.management-host，且不参与优雅停机（停机期间仍能读到 readiness DOWN）。
 * 已显式配置 micronaut.server.netty.listeners、或管理端口未设置/与公网端口相同时不做任何改动。
 */
@Singleton
public class ManagementListener implements BeanCreatedEventListener<NettyHttpServerConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementListener.class);

    private final EndpointDefaultConfiguration endpoints;
    private final GatewayConfiguration gateway;
    private final int serverPort;
    @Nullable
    private final String serverHost;

    public ManagementListener(EndpointDefaultConfiguration endpoints, GatewayConfiguration gateway,
                              @Value("${micronaut.server.port:8080}") int serverPort,
                              @Nullable @Value("${micronaut.server.host:}") String serverHost) {
        this.endpoints = endpoints;
        this.gateway = gateway;
        this.serverPort = serverPort;
        this.serverHost = serverHost == null || serverHost.isBlank() ? null : serverHost;
    }

    @Override
    public NettyHttpServerConfiguration onCreated(BeanCreatedEvent<NettyHttpServerConfiguration> event) {
        NettyHttpServerConfiguration config = event.getBean();
        Integer managementPort = endpoints.getPort().orElse(null);
        if (config.getListeners() != null || managementPort == null || managementPort == serverPort) {
            return config;
        }
        config.setListeners(listeners(serverHost, serverPort, gateway.getManagementHost(), managementPort));
        LOG.info("management endpoints on {}:{}, public port {}", gateway.getManagementHost(), managementPort,
                serverPort > 0 ? serverPort : "random");
        return config;
    }

    /** 公网监听器在前：getPort() 返回第一个监听器的端口。 */
    static List<NettyListenerConfiguration> listeners(@Nullable String publicHost, int publicPort,
                                                      String managementHost, int managementPort) {
        NettyListenerConfiguration publicListener = NettyListenerConfiguration.createTcp(publicHost, publicPort, false, null, null);
        NettyListenerConfiguration management = NettyListenerConfiguration.createTcp(managementHost, managementPort, false, null, null);
        // 只服务显式绑定到该端口的路由（管理端点），REST 与 /ws 不在这里
        management.setExposeDefaultRoutes(false);
        management.setSupportGracefulShutdown(false);
        return List.of(publicListener, management);
    }
}
