package com.acme.im.runtime.discovery;

import com.acme.im.proto.repo.v1.GenerateSeqRequest;
import com.acme.im.proto.repo.v1.GenerateSeqResponse;
import com.acme.im.proto.repo.v1.MessageServiceGrpc;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * 测试用 gRPC 服务：GenerateSeq 返回本实例的 gRPC 端口，调用方据此知道是哪个实例应答的。
 */
@Singleton
@Requires(property = "spec.name", value = DiscoveryInstances.SPEC)
class MarkerMessageEndpoint extends MessageServiceGrpc.MessageServiceImplBase {

    private final int port;

    MarkerMessageEndpoint(@Value("${grpc.server.port}") int port) {
        this.port = port;
    }

    @Override
    public void generateSeq(GenerateSeqRequest request, StreamObserver<GenerateSeqResponse> responseObserver) {
        responseObserver.onNext(GenerateSeqResponse.newBuilder().setSeq(port).build());
        responseObserver.onCompleted();
    }
}
