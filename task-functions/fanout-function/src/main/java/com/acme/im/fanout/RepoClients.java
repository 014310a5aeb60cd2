package com.acme.im.fanout;

import com.acme.im.proto.repo.v1.ConversationServiceGrpc;
import com.acme.im.proto.repo.v1.GroupServiceGrpc;
import com.acme.im.proto.repo.v1.OnlineStatusServiceGrpc;
import io.grpc.ManagedChannel;
import io.micronaut.grpc.annotation.GrpcChannel;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/**
 * 扩散用到的 repo-app 阻塞桩；每次取桩都带新的截止时间（gRPC 截止时间是绝对时刻）。
 */
@Singleton
public class RepoClients {

    private final long deadlineMillis;
    private final GroupServiceGrpc.GroupServiceBlockingStub groups;
    private final ConversationServiceGrpc.ConversationServiceBlockingStub conversations;
    private final OnlineStatusServiceGrpc.OnlineStatusServiceBlockingStub onlineStatus;
    private final OnlineStatusServiceGrpc.OnlineStatusServiceFutureStub onlineStatusAsync;

    public RepoClients(@GrpcChannel("repo-app") ManagedChannel channel, FanoutConfiguration configuration) {
        this.deadlineMillis = configuration.getRepoDeadline().toMillis();
        this.groups = GroupServiceGrpc.newBlockingStub(channel);
        this.conversations = ConversationServiceGrpc.newBlockingStub(channel);
        this.onlineStatus = OnlineStatusServiceGrpc.newBlockingStub(channel);
        this.onlineStatusAsync = OnlineStatusServiceGrpc.newFutureStub(channel);
    }

    public GroupServiceGrpc.GroupServiceBlockingStub groups() {
        return groups.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    public ConversationServiceGrpc.ConversationServiceBlockingStub conversations() {
        return conversations.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    public OnlineStatusServiceGrpc.OnlineStatusServiceBlockingStub onlineStatus() {
        return onlineStatus.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    /** 异步桩：扩散时在翻下一页成员的同时查询上一页的在线状态。 */
    public OnlineStatusServiceGrpc.OnlineStatusServiceFutureStub onlineStatusAsync() {
        return onlineStatusAsync.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }
}
