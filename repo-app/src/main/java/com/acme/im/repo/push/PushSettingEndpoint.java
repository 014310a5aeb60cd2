package com.acme.im.repo.push;

import com.acme.im.proto.repo.v1.GetPushTokensRequest;
import com.acme.im.proto.repo.v1.GetPushTokensResponse;
import com.acme.im.proto.repo.v1.PushSettingServiceGrpc;
import com.acme.im.proto.repo.v1.PushToken;
import com.acme.im.proto.repo.v1.RegisterPushTokenRequest;
import com.acme.im.proto.repo.v1.RegisterPushTokenResponse;
import com.acme.im.proto.repo.v1.RemovePushTokenRequest;
import com.acme.im.proto.repo.v1.RemovePushTokenResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * PushSettingService 的 gRPC 端点：只做 protobuf 转换。
 */
@Singleton
public class PushSettingEndpoint extends PushSettingServiceGrpc.PushSettingServiceImplBase {

    private final PushSettingService settings;

    public PushSettingEndpoint(PushSettingService settings) {
        this.settings = settings;
    }

    @Override
    public void registerPushToken(RegisterPushTokenRequest request, StreamObserver<RegisterPushTokenResponse> observer) {
        PushToken t = request.getToken();
        settings.register(new PushTokenRecord(t.getUserId(), t.getDeviceId(), t.getPlatform(), t.getToken()),
                request.getEnabled());
        observer.onNext(RegisterPushTokenResponse.getDefaultInstance());
        observer.onCompleted();
    }

    @Override
    public void removePushToken(RemovePushTokenRequest request, StreamObserver<RemovePushTokenResponse> observer) {
        settings.remove(request.getUserId(), request.getDeviceId());
        observer.onNext(RemovePushTokenResponse.getDefaultInstance());
        observer.onCompleted();
    }

    @Override
    public void getPushTokens(GetPushTokensRequest request, StreamObserver<GetPushTokensResponse> observer) {
        GetPushTokensResponse.Builder out = GetPushTokensResponse.newBuilder();
        settings.findForConversation(request.getUserIdsList(), request.getConversationId(),
                request.getMentionedUserIdsList(), request.getMentionAll()).forEach(t -> out.addTokens(PushToken.newBuilder()
                .setUserId(t.userId())
                .setDeviceId(t.deviceId())
                .setPlatform(t.platform())
                .setToken(t.token())));
        observer.onNext(out.build());
        observer.onCompleted();
    }
}
