package com.acme.im.logic.presence;

import com.acme.im.proto.logic.v1.GetPresenceRequest;
import com.acme.im.proto.logic.v1.GetPresenceResponse;
import com.acme.im.proto.logic.v1.PresenceServiceGrpc;
import com.acme.im.proto.logic.v1.ReportConnectionRequest;
import com.acme.im.proto.logic.v1.ReportConnectionResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * PresenceService 的 gRPC 端点：只做协议转换。
 */
@Singleton
public class PresenceEndpoint extends PresenceServiceGrpc.PresenceServiceImplBase {

    private final PresenceService presence;

    public PresenceEndpoint(PresenceService presence) {
        this.presence = presence;
    }

    @Override
    public void getPresence(GetPresenceRequest request, StreamObserver<GetPresenceResponse> observer) {
        observer.onNext(GetPresenceResponse.newBuilder().addAllPresences(presence.query(request.getUserId(), request.getUserIdsList())).build());
        observer.onCompleted();
    }

    @Override
    public void reportConnected(ReportConnectionRequest request, StreamObserver<ReportConnectionResponse> observer) {
        boolean online = presence.connected(request.getUserId(), request.getGatewayId(), request.getConnectionId());
        observer.onNext(ReportConnectionResponse.newBuilder().setOnline(online).build());
        observer.onCompleted();
    }

    @Override
    public void reportDisconnected(ReportConnectionRequest request, StreamObserver<ReportConnectionResponse> observer) {
        boolean online = presence.disconnected(request.getUserId(), request.getGatewayId(), request.getConnectionId());
        observer.onNext(ReportConnectionResponse.newBuilder().setOnline(online).build());
        observer.onCompleted();
    }
}
