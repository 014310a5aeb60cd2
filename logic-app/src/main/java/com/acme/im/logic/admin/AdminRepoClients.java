package com.acme.im.logic.admin;

import com.acme.im.logic.LogicConfiguration;
import com.acme.im.proto.repo.v1.AdminServiceGrpc;
import com.acme.im.proto.repo.v1.SensitiveWordListServiceGrpc;
import io.grpc.ManagedChannel;
import io.micronaut.grpc.annotation.GrpcChannel;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/**
 * repo-app 管理后台数据服务与运行时敏感词表的阻塞桩；每次取桩都带新的截止时间（截止时间是绝对时刻）。
 */
@Singleton
public class AdminRepoClients {

    private final long deadlineMillis;
    private final AdminServiceGrpc.AdminServiceBlockingStub admins;
    private final SensitiveWordListServiceGrpc.SensitiveWordListServiceBlockingStub wordList;

    public AdminRepoClients(@GrpcChannel("repo-app") ManagedChannel channel, LogicConfiguration configuration) {
        this.deadlineMillis = configuration.getRepoDeadline().toMillis();
        this.admins = AdminServiceGrpc.newBlockingStub(channel);
        this.wordList = SensitiveWordListServiceGrpc.newBlockingStub(channel);
    }

    public AdminServiceGrpc.AdminServiceBlockingStub admins() {
        return admins.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    /** 运行时敏感词表（与 audit-function 读的是同一份）。 */
    public SensitiveWordListServiceGrpc.SensitiveWordListServiceBlockingStub wordList() {
        return wordList.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }
}
