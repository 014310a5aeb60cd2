package com.acme.im.repo.message;

import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.repo.v1.CheckMessageIdempotencyRequest;
import com.acme.im.proto.repo.v1.CheckMessageIdempotencyResponse;
import com.acme.im.proto.repo.v1.GenerateSeqRequest;
import com.acme.im.proto.repo.v1.GenerateSeqResponse;
import com.acme.im.proto.repo.v1.GetConversationMessagesRequest;
import com.acme.im.proto.repo.v1.GetConversationMessagesResponse;
import com.acme.im.proto.repo.v1.GetMessageRequest;
import com.acme.im.proto.repo.v1.GetMessageResponse;
import com.acme.im.proto.repo.v1.MaskMessageRequest;
import com.acme.im.proto.repo.v1.MaskMessageResponse;
import com.acme.im.proto.repo.v1.MessageServiceGrpc;
import com.acme.im.proto.repo.v1.SaveMessageRequest;
import com.acme.im.proto.repo.v1.SaveMessageResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * MessageService 的 gRPC 端点：只做 protobuf 转换。
 */
@Singleton
public class MessageEndpoint extends MessageServiceGrpc.MessageServiceImplBase {

    private final MessageService messages;

    public MessageEndpoint(MessageService messages) {
        this.messages = messages;
    }

    @Override
    public void saveMessage(SaveMessageRequest request, StreamObserver<SaveMessageResponse> observer) {
        int type = request.getType() == MessageType.UNRECOGNIZED ? -1 : request.getTypeValue();
        SaveResult r = messages.save(request.getConversationId(), request.getSenderId(), type, request.getContent(),
                request.getClientMsgId());
        observer.onNext(SaveMessageResponse.newBuilder().setMessage(toProto(r.message())).setDuplicate(r.duplicate()).build());
        observer.onCompleted();
    }

    @Override
    public void getMessage(GetMessageRequest request, StreamObserver<GetMessageResponse> observer) {
        observer.onNext(GetMessageResponse.newBuilder().setMessage(toProto(messages.get(request.getMessageId()))).build());
        observer.onCompleted();
    }

    @Override
    public void getConversationMessages(GetConversationMessagesRequest request,
                                        StreamObserver<GetConversationMessagesResponse> observer) {
        MessagePage page = messages.page(request.getConversationId(), request.getBeforeSeq(), request.getAfterSeq(),
                request.getLimit());
        GetConversationMessagesResponse.Builder out = GetConversationMessagesResponse.newBuilder().setHasMore(page.hasMore());
        page.messages().forEach(m -> out.addMessages(toProto(m)));
        observer.onNext(out.build());
        observer.onCompleted();
    }

    @Override
    public void generateSeq(GenerateSeqRequest request, StreamObserver<GenerateSeqResponse> observer) {
        observer.onNext(GenerateSeqResponse.newBuilder().setSeq(messages.generateSeq(request.getConversationId())).build());
        observer.onCompleted();
    }

    @Override
    public void checkMessageIdempotency(CheckMessageIdempotencyRequest request,
                                        StreamObserver<CheckMessageIdempotencyResponse> observer) {
        Optional<MessageRecord> m = messages.findByClientMsgId(request.getSenderId(), request.getClientMsgId());
        CheckMessageIdempotencyResponse.Builder out = CheckMessageIdempotencyResponse.newBuilder().setExists(m.isPresent());
        m.ifPresent(x -> out.setMessage(toProto(x)));
        observer.onNext(out.build());
        observer.onCompleted();
    }

    @Override
    public void maskMessage(MaskMessageRequest request, StreamObserver<MaskMessageResponse> observer) {
        MessageRecord m = messages.mask(request.getMessageId(), request.getMaskedContent());
        observer.onNext(MaskMessageResponse.newBuilder().setMessage(toProto(m)).build());
        observer.onCompleted();
    }

    /** 供会话列表复用的消息转换。 */
    public static Message toProto(MessageRecord m) {
        return Message.newBuilder()
                .setId(m.id())
                .setConversationId(m.conversationId())
                .setSenderId(m.senderId())
                .setTypeValue(m.type())
                .setContent(m.content())
                .setSeq(m.seq())
                .setClientMsgId(m.clientMsgId())
                .setCreatedAt(m.createdAt())
                .build();
    }
}
