package com.acme.im.fanout;

import com.acme.im.proto.repo.v1.ConversationServiceGrpc;
import com.acme.im.proto.repo.v1.GroupServiceGrpc;
import com.acme.im.proto.repo.v1.OnlineStatusServiceGrpc;
import io.grpc.ManagedChannel;
import io.micronaut.grpc.annotation.GrpcChannel;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/**
 * 扩散用到的 repo-app 异步桩（翻页与在线查询并发进行，见 PresencePager）；
 * 每次取桩都带新的截止时间（gRPC 截止时间是绝对时刻）。
 */
@Singleton
public class RepoClients {

    private final long deadlineMillis;
    private final GroupServiceGrpc.GroupServiceFutureStub groups;
    private final ConversationServiceGrpc.ConversationServiceFutureStub conversations;
    private final OnlineStatusServiceGrpc.OnlineStatusServiceFutureStub onlineStatus;

    public RepoClients(@GrpcChannel("repo-app") ManagedChannel channel, FanoutConfiguration configuration) {
        this.deadlineMillis = configuration.getRepoDeadline().toMillis();
        this.groups = GroupServiceGrpc.newFutureStub(channel);
        this.conversations = ConversationServiceGrpc.newFutureStub(channel);
        this.onlineStatus = OnlineStatusServiceGrpc.newFutureStub(channel);
    }

    public GroupServiceGrpc.GroupServiceFutureStub groups() {
        return groups.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    public ConversationServiceGrpc.ConversationServiceFutureStub conversations() {
        return conversations.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    public OnlineStatusServiceGrpc.OnlineStatusServiceFutureStub onlineStatus() {
        return onlineStatus.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }
}
