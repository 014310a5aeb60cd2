package com.acme.im.push;

import com.acme.im.proto.repo.v1.PushSettingServiceGrpc;
import io.grpc.ManagedChannel;
import io.micronaut.grpc.annotation.GrpcChannel;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/**
 * 推送用到的 repo-app 阻塞桩；每次取桩都带新的截止时间。
 */
@Singleton
public class RepoClients {

    private final long deadlineMillis;
    private final PushSettingServiceGrpc.PushSettingServiceBlockingStub pushSettings;

    public RepoClients(@GrpcChannel("repo-app") ManagedChannel channel, PushConfiguration configuration) {
        this.deadlineMillis = configuration.getRepoDeadline().toMillis();
        this.pushSettings = PushSettingServiceGrpc.newBlockingStub(channel);
    }

    public PushSettingServiceGrpc.PushSettingServiceBlockingStub pushSettings() {
        return pushSettings.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }
}
