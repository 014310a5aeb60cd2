package com.acme.im.logic.push;

import com.acme.im.proto.logic.v1.PushTokenServiceGrpc;
import com.acme.im.proto.logic.v1.RegisterPushTokenRequest;
import com.acme.im.proto.logic.v1.RegisterPushTokenResponse;
import com.acme.im.proto.logic.v1.RemovePushTokenRequest;
import com.acme.im.proto.logic.v1.RemovePushTokenResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * PushTokenService 的 gRPC 端点：只做协议转换。
 */
@Singleton
public class PushTokenEndpoint extends PushTokenServiceGrpc.PushTokenServiceImplBase {

    private final PushTokenService tokens;

    public PushTokenEndpoint(PushTokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public void registerPushToken(RegisterPushTokenRequest request, StreamObserver<RegisterPushTokenResponse> observer) {
        tokens.register(request.getUserId(), request.getPlatform(), request.getToken(), request.getDeviceId());
        observer.onNext(RegisterPushTokenResponse.getDefaultInstance());
        observer.onCompleted();
    }

    @Override
    public void removePushToken(RemovePushTokenRequest request, StreamObserver<RemovePushTokenResponse> observer) {
        tokens.remove(request.getUserId(), request.getDeviceId());
        observer.onNext(RemovePushTokenResponse.getDefaultInstance());
        observer.onCompleted();
    }
}
