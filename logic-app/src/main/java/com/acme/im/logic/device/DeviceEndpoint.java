package com.acme.im.logic.device;

import com.acme.im.proto.logic.v1.DeviceServiceGrpc;
import com.acme.im.proto.logic.v1.ListDevicesRequest;
import com.acme.im.proto.logic.v1.ListDevicesResponse;
import com.acme.im.proto.logic.v1.RevokeDeviceRequest;
import com.acme.im.proto.logic.v1.RevokeDeviceResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * DeviceService 的 gRPC 端点：只做协议转换。
 */
@Singleton
public class DeviceEndpoint extends DeviceServiceGrpc.DeviceServiceImplBase {

    private final DeviceService devices;

    public DeviceEndpoint(DeviceService devices) {
        this.devices = devices;
    }

    @Override
    public void listDevices(ListDevicesRequest request, StreamObserver<ListDevicesResponse> observer) {
        observer.onNext(ListDevicesResponse.newBuilder()
                .addAllDevices(devices.list(request.getUserId(), request.getCurrentSessionId())).build());
        observer.onCompleted();
    }

    @Override
    public void revokeDevice(RevokeDeviceRequest request, StreamObserver<RevokeDeviceResponse> observer) {
        observer.onNext(RevokeDeviceResponse.newBuilder()
                .addAllSessionIds(devices.revoke(request.getUserId(), request.getDeviceId())).build());
        observer.onCompleted();
    }
}
