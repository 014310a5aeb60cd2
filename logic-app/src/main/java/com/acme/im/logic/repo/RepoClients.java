package com.acme.im.logic.repo;

import com.acme.im.logic.LogicConfiguration;
import com.acme.im.proto.repo.v1.ContactServiceGrpc;
import com.acme.im.proto.repo.v1.ConversationServiceGrpc;
import com.acme.im.proto.repo.v1.GroupServiceGrpc;
import com.acme.im.proto.repo.v1.MessageServiceGrpc;
import com.acme.im.proto.repo.v1.OnlineStatusServiceGrpc;
import com.acme.im.proto.repo.v1.PushSettingServiceGrpc;
import com.acme.im.proto.repo.v1.SessionServiceGrpc;
import com.acme.im.proto.repo.v1.UserServiceGrpc;
import io.grpc.ManagedChannel;
import io.micronaut.grpc.annotation.GrpcChannel;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/**
 * repo-app 各 gRPC 服务的阻塞桩。每次取桩都带上新的截止时间，
 * 因为 gRPC 的截止时间是绝对时刻，不能在桩上长期复用。
 */
@Singleton
public class RepoClients {

    private final ManagedChannel channel;
    private final long deadlineMillis;
    private final UserServiceGrpc.UserServiceBlockingStub users;
    private final SessionServiceGrpc.SessionServiceBlockingStub sessions;
    private final MessageServiceGrpc.MessageServiceBlockingStub messages;
    private final GroupServiceGrpc.GroupServiceBlockingStub groups;
    private final ConversationServiceGrpc.ConversationServiceBlockingStub conversations;
    private final OnlineStatusServiceGrpc.OnlineStatusServiceBlockingStub onlineStatus;
    private final PushSettingServiceGrpc.PushSettingServiceBlockingStub pushSettings;
    private final ContactServiceGrpc.ContactServiceBlockingStub contacts;
    private final com.acme.im.proto.repo.v1.FileServiceGrpc.FileServiceBlockingStub files;

    public RepoClients(@GrpcChannel("repo-app") ManagedChannel channel, LogicConfiguration configuration) {
        this.channel = channel;
        this.deadlineMillis = configuration.getRepoDeadline().toMillis();
        this.users = UserServiceGrpc.newBlockingStub(channel);
        this.sessions = SessionServiceGrpc.newBlockingStub(channel);
        this.messages = MessageServiceGrpc.newBlockingStub(channel);
        this.groups = GroupServiceGrpc.newBlockingStub(channel);
        this.conversations = ConversationServiceGrpc.newBlockingStub(channel);
        this.onlineStatus = OnlineStatusServiceGrpc.newBlockingStub(channel);
        this.pushSettings = PushSettingServiceGrpc.newBlockingStub(channel);
        this.contacts = ContactServiceGrpc.newBlockingStub(channel);
        this.files = com.acme.im.proto.repo.v1.FileServiceGrpc.newBlockingStub(channel);
    }

    public UserServiceGrpc.UserServiceBlockingStub users() {
        return users.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    public SessionServiceGrpc.SessionServiceBlockingStub sessions() {
        return sessions.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    public MessageServiceGrpc.MessageServiceBlockingStub messages() {
        return messages.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
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

    public PushSettingServiceGrpc.PushSettingServiceBlockingStub pushSettings() {
        return pushSettings.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    public ContactServiceGrpc.ContactServiceBlockingStub contacts() {
        return contacts.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    /** 文件元数据（上传登记、complete、下载前的查询）。 */
    public com.acme.im.proto.repo.v1.FileServiceGrpc.FileServiceBlockingStub files() {
        return files.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    /** 通道本身，供健康检查读取连接状态。 */
    ManagedChannel channel() {
        return channel;
    }
}
