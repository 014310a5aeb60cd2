package com.acme.im.runtime.discovery;

import io.etcd.jetcd.Client;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.NameResolverRegistry;
import io.grpc.netty.NettyChannelBuilder;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Internal;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Collection;
import java.util.List;

/**
 * {@code etcd} 协议的 gRPC 名字解析器提供者：{@code etcd:///repo-app} 监听
 * {@code {lookup-prefix}/repo-app/}；多段路径（如 {@code etcd:///im/functions/fanout-function}）按绝对前缀监听。
 * 上下文启动即注册到全局 NameResolverRegistry，早于任何通道构建；优先级低于 DNS（5），
 * 这样不带协议的 {@code host:port} 目标仍默认走 DNS，而 {@code etcd} 协议只有我们提供。
 */
@Context
@Requires(property = DiscoveryConfiguration.ENABLED, notEquals = "false")
public class EtcdNameResolverProvider extends NameResolverProvider {

    public static final String SCHEME = "etcd";
    static final int PRIORITY = 4;

    private final Client client;
    private final ServiceEntryCodec codec;
    private final DiscoveryConfiguration configuration;

    public EtcdNameResolverProvider(Client client, ServiceEntryCodec codec, DiscoveryConfiguration configuration) {
        this.client = client;
        this.codec = codec;
        this.configuration = configuration;
    }

    @PostConstruct
    void register() {
        NameResolverRegistry.getDefaultRegistry().register(this);
    }

    @PreDestroy
    void deregister() {
        NameResolverRegistry.getDefaultRegistry().deregister(this);
    }

    @Override
    protected boolean isAvailable() {
        return true;
    }

    @Override
    protected int priority() {
        return PRIORITY;
    }

    @Override
    public String getDefaultScheme() {
        return SCHEME;
    }

    @Override
    public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
        return List.of(InetSocketAddress.class);
    }

    @Override
    public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
        if (!SCHEME.equals(targetUri.getScheme())) {
            return null;
        }
        String keyPrefix = keyPrefix(targetUri, configuration.getLookupPrefix());
        String authority = targetUri.getAuthority() != null && !targetUri.getAuthority().isEmpty()
                ? targetUri.getAuthority()
                : lastSegment(keyPrefix);
        return new EtcdNameResolver(client, codec, keyPrefix, authority, args,
                configuration.getMaxRetryDelay(), configuration.getResyncInterval());
    }

    /** 目标 URI 到要监听的键前缀（以 / 结尾）。 */
    static String keyPrefix(URI targetUri, String lookupPrefix) {
        String path = targetUri.getPath() == null ? "" : targetUri.getPath();
        String trimmed = path.replaceAll("^/+", "").replaceAll("/+$", "");
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("etcd target needs a service id, e.g. etcd:///repo-app: " + targetUri);
        }
        if (trimmed.contains("/")) {
            return "/" + trimmed + "/";
        }
        return ServiceEntryCodec.servicePrefix(lookupPrefix, trimmed);
    }

    private static String lastSegment(String keyPrefix) {
        String p = keyPrefix.substring(0, keyPrefix.length() - 1);
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /**
     * 保险：即使有别的 @Context bean 更早构建通道，也先实例化（从而注册）本提供者。
     */
    @Singleton
    @Internal
    @Requires(property = DiscoveryConfiguration.ENABLED, notEquals = "false")
    static final class ChannelBuilderListener implements BeanCreatedEventListener<NettyChannelBuilder> {

        private final BeanProvider<EtcdNameResolverProvider> provider;

        ChannelBuilderListener(BeanProvider<EtcdNameResolverProvider> provider) {
            this.provider = provider;
        }

        @Override
        public NettyChannelBuilder onCreated(BeanCreatedEvent<NettyChannelBuilder> event) {
            provider.get();
            return event.getBean();
        }
    }
}
