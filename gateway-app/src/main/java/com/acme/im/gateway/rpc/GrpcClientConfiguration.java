package com.acme.im.gateway.rpc;

import com.acme.im.proto.logic.v1.AuthServiceGrpc;
import com.acme.im.proto.logic.v1.ContactServiceGrpc;
import com.acme.im.proto.logic.v1.ConversationServiceGrpc;
import com.acme.im.proto.logic.v1.DeviceServiceGrpc;
import com.acme.im.proto.logic.v1.GroupServiceGrpc;
import com.acme.im.proto.logic.v1.MessageServiceGrpc;
import com.acme.im.proto.logic.v1.PresenceServiceGrpc;
import com.acme.im.proto.logic.v1.PushTokenServiceGrpc;
import com.acme.im.proto.logic.v1.UserServiceGrpc;
import com.acme.im.proto.repo.v1.OnlineStatusServiceGrpc;
import io.grpc.ManagedChannel;
import io.micronaut.context.annotation.Factory;
import io.micronaut.grpc.annotation.GrpcChannel;
import jakarta.inject.Singleton;

/**
 * gRPC 存根：网关调用 logic-app；另外为在线状态续期、以及两个最热的读接口（会话列表、历史消息）直接调用 repo-app。
 * 截止时间在每次调用时设置（见 {@link Deadlines}），因为存根上的截止时间是绝对时刻。
 */
@Factory
public class GrpcClientConfiguration {

    @Singleton
    AuthServiceGrpc.AuthServiceBlockingStub authStub(@GrpcChannel("logic-app") ManagedChannel channel) {
        return AuthServiceGrpc.newBlockingStub(channel);
    }

    @Singleton
    AuthServiceGrpc.AuthServiceFutureStub authFutureStub(@GrpcChannel("logic-app") ManagedChannel channel) {
        return AuthServiceGrpc.newFutureStub(channel);
    }

    @Singleton
    ConversationServiceGrpc.ConversationServiceBlockingStub conversationStub(@GrpcChannel("logic-app") ManagedChannel channel) {
        return ConversationServiceGrpc.newBlockingStub(channel);
    }

    @Singleton
    GroupServiceGrpc.GroupServiceBlockingStub groupStub(@GrpcChannel("logic-app") ManagedChannel channel) {
        return GroupServiceGrpc.newBlockingStub(channel);
    }

    @Singleton
    PresenceServiceGrpc.PresenceServiceBlockingStub presenceStub(@GrpcChannel("logic-app") ManagedChannel channel) {
        return PresenceServiceGrpc.newBlockingStub(channel);
    }

    @Singleton
    UserServiceGrpc.UserServiceBlockingStub userStub(@GrpcChannel("logic-app") ManagedChannel channel) {
        return UserServiceGrpc.newBlockingStub(channel);
    }

    @Singleton
    PushTokenServiceGrpc.PushTokenServiceBlockingStub pushTokenStub(@GrpcChannel("logic-app") ManagedChannel channel) {
        return PushTokenServiceGrpc.newBlockingStub(channel);
    }

    @Singleton
    com.acme.im.proto.logic.v1.FileServiceGrpc.FileServiceBlockingStub fileStub(@GrpcChannel("logic-app") ManagedChannel channel) {
        return com.acme.im.proto.logic.v1.FileServiceGrpc.newBlockingStub(channel);
    }

    @Singleton
    DeviceServiceGrpc.DeviceServiceBlockingStub deviceStub(@GrpcChannel("logic-app") ManagedChannel channel) {
        return DeviceServiceGrpc.newBlockingStub(channel);
    }

    @Singleton
    MessageServiceGrpc.MessageServiceBlockingStub messageStub(@GrpcChannel("logic-app") ManagedChannel channel) {
        return MessageServiceGrpc.newBlockingStub(channel);
    }

    @Singleton
    ContactServiceGrpc.ContactServiceBlockingStub contactStub(@GrpcChannel("logic-app") ManagedChannel channel) {
        return ContactServiceGrpc.newBlockingStub(channel);
    }

    @Singleton
    com.acme.im.proto.logic.v1.AdminServiceGrpc.AdminServiceBlockingStub adminStub(@GrpcChannel("logic-app") ManagedChannel channel) {
        return com.acme.im.proto.logic.v1.AdminServiceGrpc.newBlockingStub(channel);
    }

    @Singleton
    com.acme.im.proto.repo.v1.ConversationServiceGrpc.ConversationServiceFutureStub repoConversationFutureStub(
            @GrpcChannel("repo-app") ManagedChannel channel) {
        return com.acme.im.proto.repo.v1.ConversationServiceGrpc.newFutureStub(channel);
    }

    @Singleton
    com.acme.im.proto.repo.v1.MessageServiceGrpc.MessageServiceFutureStub repoMessageFutureStub(
            @GrpcChannel("repo-app") ManagedChannel channel) {
        return com.acme.im.proto.repo.v1.MessageServiceGrpc.newFutureStub(channel);
    }

    @Singleton
    OnlineStatusServiceGrpc.OnlineStatusServiceBlockingStub onlineStatusStub(@GrpcChannel("repo-app") ManagedChannel channel) {
        return OnlineStatusServiceGrpc.newBlockingStub(channel);
    }
}
