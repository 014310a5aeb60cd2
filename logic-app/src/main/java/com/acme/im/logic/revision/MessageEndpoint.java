package com.acme.im.logic.revision;

import com.acme.im.proto.logic.v1.EditMessageRequest;
import com.acme.im.proto.logic.v1.EditMessageResponse;
import com.acme.im.proto.logic.v1.MessageServiceGrpc;
import com.acme.im.proto.logic.v1.RecallMessageRequest;
import com.acme.im.proto.logic.v1.RecallMessageResponse;
import com.acme.im.proto.logic.v1.RelayTypingRequest;
import com.acme.im.proto.logic.v1.RelayTypingResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * logic MessageService 的 gRPC 端点：只做协议转换。
 */
@Singleton
public class MessageEndpoint extends MessageServiceGrpc.MessageServiceImplBase {

    private final RevisionService revisions;
    private final TypingService typing;

    public MessageEndpoint(RevisionService revisions, TypingService typing) {
        this.revisions = revisions;
        this.typing = typing;
    }

    @Override
    public void recallMessage(RecallMessageRequest request, StreamObserver<RecallMessageResponse> observer) {
        observer.onNext(RecallMessageResponse.newBuilder()
                .setMessage(revisions.recall(request.getUserId(), request.getConversationId(), request.getMessageId())).build());
        observer.onCompleted();
    }

    @Override
    public void editMessage(EditMessageRequest request, StreamObserver<EditMessageResponse> observer) {
        observer.onNext(EditMessageResponse.newBuilder()
                .setMessage(revisions.edit(request.getUserId(), request.getConversationId(), request.getMessageId(),
                        request.getContent())).build());
        observer.onCompleted();
    }

    @Override
    public void relayTyping(RelayTypingRequest request, StreamObserver<RelayTypingResponse> observer) {
        observer.onNext(RelayTypingResponse.newBuilder()
                .setRelayed(typing.relay(request.getUserId(), request.getConversationId())).build());
        observer.onCompleted();
    }
}
