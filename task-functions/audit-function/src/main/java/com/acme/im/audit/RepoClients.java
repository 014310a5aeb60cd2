package com.acme.im.audit;

import com.acme.im.proto.repo.v1.AuditServiceGrpc;
import com.acme.im.proto.repo.v1.ConversationServiceGrpc;
import com.acme.im.proto.repo.v1.MessageServiceGrpc;
import com.acme.im.proto.repo.v1.OnlineStatusServiceGrpc;
import com.acme.im.proto.repo.v1.SensitiveWordListServiceGrpc;
import io.grpc.ManagedChannel;
import io.micronaut.grpc.annotation.GrpcChannel;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/**
 * 审核用到的 repo-app 阻塞桩；每次取桩都带新的截止时间。
 */
@Singleton
public class RepoClients {

    private final long deadlineMillis;
    private final AuditServiceGrpc.AuditServiceBlockingStub audits;
    private final MessageServiceGrpc.MessageServiceBlockingStub messages;
    private final ConversationServiceGrpc.ConversationServiceBlockingStub conversations;
    private final OnlineStatusServiceGrpc.OnlineStatusServiceBlockingStub onlineStatus;
    private final SensitiveWordListServiceGrpc.SensitiveWordListServiceBlockingStub wordList;
    private final com.acme.im.proto.repo.v1.FileServiceGrpc.FileServiceBlockingStub files;

    public RepoClients(@GrpcChannel("repo-app") ManagedChannel channel, AuditConfiguration configuration) {
        this.deadlineMillis = configuration.getRepoDeadline().toMillis();
        this.audits = AuditServiceGrpc.newBlockingStub(channel);
        this.messages = MessageServiceGrpc.newBlockingStub(channel);
        this.conversations = ConversationServiceGrpc.newBlockingStub(channel);
        this.onlineStatus = OnlineStatusServiceGrpc.newBlockingStub(channel);
        this.wordList = SensitiveWordListServiceGrpc.newBlockingStub(channel);
        this.files = com.acme.im.proto.repo.v1.FileServiceGrpc.newBlockingStub(channel);
    }

    public AuditServiceGrpc.AuditServiceBlockingStub audits() {
        return audits.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    public MessageServiceGrpc.MessageServiceBlockingStub messages() {
        return messages.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    public ConversationServiceGrpc.ConversationServiceBlockingStub conversations() {
        return conversations.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    public OnlineStatusServiceGrpc.OnlineStatusServiceBlockingStub onlineStatus() {
        return onlineStatus.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    /** 运行时敏感词表（管理后台维护）。 */
    public SensitiveWordListServiceGrpc.SensitiveWordListServiceBlockingStub wordList() {
        return wordList.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    /** 文件元数据（缩略图任务读原件的对象键、写回缩略图）。 */
    public com.acme.im.proto.repo.v1.FileServiceGrpc.FileServiceBlockingStub files() {
        return files.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }
}
