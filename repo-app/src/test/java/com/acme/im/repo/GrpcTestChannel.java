package com.acme.im.repo;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * 测试用 gRPC 通道：连到本进程内启动的 repo-app gRPC 端口，走真实的网络与拦截器。
 */
@Factory
@Requires(env = Environment.TEST)
public class GrpcTestChannel {

    public static final String NAME = "repo-test";

    @Singleton
    @Named(NAME)
    @Bean(preDestroy = "shutdownNow")
    ManagedChannel repoChannel(GrpcEmbeddedServer server) {
        return NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }
}
