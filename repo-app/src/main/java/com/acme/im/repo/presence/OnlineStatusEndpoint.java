package com.acme.im.repo.presence;

import com.acme.im.proto.common.v1.Presence;
import com.acme.im.proto.repo.v1.GetUserOnlineStatusRequest;
import com.acme.im.proto.repo.v1.GetUserOnlineStatusResponse;
import com.acme.im.proto.repo.v1.GetUsersOnlineStatusRequest;
import com.acme.im.proto.repo.v1.GetUsersOnlineStatusResponse;
import com.acme.im.proto.repo.v1.OnlineStatusServiceGrpc;
import com.acme.im.proto.repo.v1.RefreshGatewayRequest;
import com.acme.im.proto.repo.v1.RefreshGatewayResponse;
import com.acme.im.proto.repo.v1.SetUserOfflineRequest;
import com.acme.im.proto.repo.v1.SetUserOfflineResponse;
import com.acme.im.proto.repo.v1.SetUserOnlineRequest;
import com.acme.im.proto.repo.v1.SetUserOnlineResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * OnlineStatusService 的 gRPC 端点：只做 protobuf 转换。
 */
@Singleton
public class OnlineStatusEndpoint extends OnlineStatusServiceGrpc.OnlineStatusServiceImplBase {

    private final PresenceService presence;

    public OnlineStatusEndpoint(PresenceService presence) {
        this.presence = presence;
    }

    @Override
    public void setUserOnline(SetUserOnlineRequest request, StreamObserver<SetUserOnlineResponse> observer) {
        boolean first = presence.online(request.getUserId(), request.getGatewayId(), request.getConnectionId());
        observer.onNext(SetUserOnlineResponse.newBuilder().setFirstConnection(first).build());
        observer.onCompleted();
    }

    @Override
    public void setUserOffline(SetUserOfflineRequest request, StreamObserver<SetUserOfflineResponse> observer) {
        boolean last = presence.offline(request.getUserId(), request.getGatewayId(), request.getConnectionId());
        observer.onNext(SetUserOfflineResponse.newBuilder().setLastConnection(last).build());
        observer.onCompleted();
    }

    @Override
    public void refreshGateway(RefreshGatewayRequest request, StreamObserver<RefreshGatewayResponse> observer) {
        if (request.getConnectionsCount() > 0) {
            List<Map.Entry<Long, String>> connections = request.getConnectionsList().stream()
                    .map(c -> Map.entry(c.getUserId(), c.getConnectionId())).toList();
            int restored = presence.restore(request.getGatewayId(), connections);
            observer.onNext(RefreshGatewayResponse.newBuilder().setRefreshed(connections.size()).setRestored(restored).build());
        } else {
            int n = presence.refresh(request.getGatewayId(), request.getUserIdsList());
            observer.onNext(RefreshGatewayResponse.newBuilder().setRefreshed(n).build());
        }
        observer.onCompleted();
    }

    @Override
    public void getUserOnlineStatus(GetUserOnlineStatusRequest request,
                                    StreamObserver<GetUserOnlineStatusResponse> observer) {
        observer.onNext(GetUserOnlineStatusResponse.newBuilder().setPresence(toProto(presence.get(request.getUserId()))).build());
        observer.onCompleted();
    }

    @Override
    public void getUsersOnlineStatus(GetUsersOnlineStatusRequest request,
                                     StreamObserver<GetUsersOnlineStatusResponse> observer) {
        GetUsersOnlineStatusResponse.Builder out = GetUsersOnlineStatusResponse.newBuilder();
        presence.getMany(request.getUserIdsList()).forEach(p -> out.addPresences(toProto(p)));
        observer.onNext(out.build());
        observer.onCompleted();
    }

    static Presence toProto(PresenceRecord p) {
        return Presence.newBuilder()
                .setUserId(p.userId())
                .setOnline(p.online())
                .addAllGatewayIds(p.gatewayIds())
                .setLastSeen(p.lastSeen())
                .build();
    }
}
