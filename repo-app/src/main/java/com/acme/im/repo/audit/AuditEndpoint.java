package com.acme.im.repo.audit;

import com.acme.im.proto.repo.v1.AuditHit;
import com.acme.im.proto.repo.v1.AuditServiceGrpc;
import com.acme.im.proto.repo.v1.ListAuditHitsRequest;
import com.acme.im.proto.repo.v1.ListAuditHitsResponse;
import com.acme.im.proto.repo.v1.RecordAuditHitRequest;
import com.acme.im.proto.repo.v1.RecordAuditHitResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * AuditService 的 gRPC 端点：只做 protobuf 转换。
 */
@Singleton
public class AuditEndpoint extends AuditServiceGrpc.AuditServiceImplBase {

    private final AuditService audits;

    public AuditEndpoint(AuditService audits) {
        this.audits = audits;
    }

    @Override
    public void recordAuditHit(RecordAuditHitRequest request, StreamObserver<RecordAuditHitResponse> observer) {
        AuditHit h = request.getHit();
        boolean created = audits.record(new AuditHitRecord(h.getMessageId(), h.getConversationId(), h.getSenderId(),
                List.copyOf(h.getWordsList()), h.getAction(), h.getCreatedAt(), h.getEditedAt()));
        observer.onNext(RecordAuditHitResponse.newBuilder().setCreated(created).build());
        observer.onCompleted();
    }

    @Override
    public void listAuditHits(ListAuditHitsRequest request, StreamObserver<ListAuditHitsResponse> observer) {
        ListAuditHitsResponse.Builder out = ListAuditHitsResponse.newBuilder();
        audits.list(request.getConversationId(), request.getLimit()).forEach(h -> out.addHits(AuditHit.newBuilder()
                .setMessageId(h.messageId())
                .setConversationId(h.conversationId())
                .setSenderId(h.senderId())
                .addAllWords(h.words())
                .setAction(h.action())
                .setCreatedAt(h.createdAt())
                .setEditedAt(h.editedAt())));
        observer.onNext(out.build());
        observer.onCompleted();
    }
}
