package com.acme.im.runtime.discovery;

import com.acme.im.proto.repo.v1.GenerateSeqRequest;
import com.acme.im.proto.repo.v1.MessageServiceGrpc;
import io.grpc.ManagedChannel;
import io.micronaut.context.annotation.Requires;
import io.micronaut.grpc.annotation.GrpcChannel;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/**
 * 测试调用方：和应用一样通过 {@code @GrpcChannel} 注入通道，地址配置为 {@code etcd:///...}。
 */
@Singleton
@Requires(property = "spec.name", value = DiscoveryInstances.CLIENT_SPEC)
class MarkerClient {

    static final String CHANNEL = "marker-svc";

    private final MessageServiceGrpc.MessageServiceBlockingStub stub;

    MarkerClient(@GrpcChannel(CHANNEL) ManagedChannel channel) {
        this.stub = MessageServiceGrpc.newBlockingStub(channel);
    }

    /** 返回应答实例的 gRPC 端口。 */
    long call() {
        return stub.withDeadlineAfter(2, TimeUnit.SECONDS)
                .generateSeq(GenerateSeqRequest.newBuilder().setConversationId("c").build())
                .getSeq();
    }
}
