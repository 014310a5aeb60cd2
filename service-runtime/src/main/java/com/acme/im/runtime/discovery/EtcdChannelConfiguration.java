package com.acme.im.runtime.discovery;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.env.Environment;
import io.micronaut.grpc.channels.GrpcManagedChannelConfiguration;
import io.micronaut.grpc.channels.GrpcNamedManagedChannelConfiguration;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * 让 {@code grpc.channels.<name>.address: etcd:///repo-app} 生效。
 *
 * <p>micronaut-grpc 4.12 只把 {@code address} 当作 host:port 转换成 SocketAddress，转换失败就退回到按通道名解析，
 * etcd 目标因此被忽略（只有 {@code target} 键才会原样交给 gRPC）。这里替换通道配置 bean：
 * 地址以 {@code etcd:} 开头时把它作为 gRPC 目标传给父类，其余情况与原实现完全一致。
 * {@code plaintext} 等通道构建器设置仍按 {@code grpc.channels.<name>.*} 绑定。
 */
@EachProperty(GrpcManagedChannelConfiguration.PREFIX)
@Replaces(GrpcNamedManagedChannelConfiguration.class)
public class EtcdChannelConfiguration extends GrpcManagedChannelConfiguration {

    private final String channelName;
    private final boolean connectOnStartup;
    private final Duration connectionTimeout;

    public EtcdChannelConfiguration(@Parameter String name,
                                    Environment env,
                                    @Named(TaskExecutors.IO) ExecutorService executorService) {
        super(etcdAddress(name, env).orElse(name), env, executorService);
        this.channelName = name;
        // 父类按传入的名字读这两项，名字换成目标后要按真实通道名重读
        String prefix = PREFIX + "." + name;
        this.connectOnStartup = env.getProperty(prefix + CONNECT_ON_STARTUP, Boolean.class).isPresent();
        this.connectionTimeout = env.getProperty(prefix + CONNECTION_TIMEOUT, Long.class)
                .filter(t -> t > 0)
                .map(Duration::ofSeconds)
                .orElseGet(super::getConnectionTimeout);
    }

    private static Optional<String> etcdAddress(String name, Environment env) {
        return env.getProperty(PREFIX + "." + name + SETTING_URL, String.class)
                .map(String::trim)
                .filter(address -> address.startsWith(EtcdNameResolverProvider.SCHEME + ":"));
    }

    @Override
    public String getName() {
        return channelName;
    }

    @Override
    public boolean isConnectOnStartup() {
        return connectOnStartup;
    }

    @Override
    public Duration getConnectionTimeout() {
        return connectionTimeout;
    }
}
