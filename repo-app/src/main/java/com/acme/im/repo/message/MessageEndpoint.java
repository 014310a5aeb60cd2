package com.acme.im.repo.message;

import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.repo.v1.CheckMessageIdempotencyRequest;
import com.acme.im.proto.repo.v1.EditMessageRequest;
import com.acme.im.proto.repo.v1.EditMessageResponse;
import com.acme.im.proto.repo.v1.RecallMessageRequest;
import com.acme.im.proto.repo.v1.RecallMessageResponse;
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
import com.acme.im.proto.repo.v1.SaveMessageResult;
import com.acme.im.proto.repo.v1.SaveMessagesRequest;
import com.acme.im.proto.repo.v1.SaveMessagesResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * MessageService 的 gRPC 端点：只做 protobuf 转换。
 */
@Singleton
public class MessageEndpoint extends MessageServiceGrpc.MessageServiceImplBase {

    private final MessageService messages;
    private final MessageBatchService batches;

    public MessageEndpoint(MessageService messages, MessageBatchService batches) {
        this.messages = messages;
        this.batches = batches;
    }

    @Override
    public void saveMessage(SaveMessageRequest request, StreamObserver<SaveMessageResponse> observer) {
        SaveResult r = messages.save(toCommand(request));
        observer.onNext(SaveMessageResponse.newBuilder().setMessage(toProto(r.message())).setDuplicate(r.duplicate()).build());
        observer.onCompleted();
    }

    @Override
    public void saveMessages(SaveMessagesRequest request, StreamObserver<SaveMessagesResponse> observer) {
        List<SaveCommand> commands = request.getMessagesList().stream().map(MessageEndpoint::toCommand).toList();
        SaveMessagesResponse.Builder out = SaveMessagesResponse.newBuilder();
        for (BatchSaveResult r : batches.saveAll(commands, request.getFriendsOnly())) {
            SaveMessageResult.Builder b = SaveMessageResult.newBuilder();
            if (r.error() != null) {
                b.setErrorCode(r.error().code()).setErrorMessage(r.error().getMessage() == null ? "" : r.error().getMessage());
            } else {
                b.setMessage(toProto(r.message())).setDuplicate(r.duplicate());
                if (r.source().isKnown()) {
                    b.setSource(com.acme.im.proto.repo.v1.MessageSource.newBuilder()
                            .setPartition(r.source().partition()).setOffset(r.source().offset()));
                }
            }
            out.addResults(b);
        }
        observer.onNext(out.build());
        observer.onCompleted();
    }

    private static SaveCommand toCommand(SaveMessageRequest r) {
        int type = r.getType() == MessageType.UNRECOGNIZED ? -1 : r.getTypeValue();
        MessageSource source = r.hasSource() ? new MessageSource(r.getSource().getPartition(), r.getSource().getOffset())
                : MessageSource.NONE;
        return new SaveCommand(r.getConversationId(), r.getSenderId(), type, r.getContent(), r.getClientMsgId(), source,
                r.getReplyTo(), new Mentions(r.getMentionAll(), r.getMentionedUserIdsList()));
    }

    @Override
    public void getMessage(GetMessageRequest request, StreamObserver<GetMessageResponse> observer) {
        observer.onNext(GetMessageResponse.newBuilder().setMessage(toProto(messages.get(request.getMessageId()))).build());
        observer.onCompleted();
    }

    @Override
    public void getConversationMessages(GetConversationMessagesRequest request,
                                        StreamObserver<GetConversationMessagesResponse> observer) {
        MessagePage page = messages.page(request.getReaderId(), request.getConversationId(), request.getBeforeSeq(),
                request.hasAfterSeq() ? request.getAfterSeq() : -1,
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
        MessageRecord m = messages.mask(request.getMessageId(), request.getMaskedContent(), request.getExpectedEditedAt());
        observer.onNext(MaskMessageResponse.newBuilder().setMessage(toProto(m)).build());
        observer.onCompleted();
    }

    @Override
    public void recallMessage(RecallMessageRequest request, StreamObserver<RecallMessageResponse> observer) {
        MessageRecord m = messages.recall(request.getMessageId(), request.getConversationId(), request.getActorId());
        observer.onNext(RecallMessageResponse.newBuilder().setMessage(toProto(m)).build());
        observer.onCompleted();
    }

    @Override
    public void editMessage(EditMessageRequest request, StreamObserver<EditMessageResponse> observer) {
        MessageRecord m = messages.edit(request.getMessageId(), request.getConversationId(), request.getActorId(),
                request.getContent());
        observer.onNext(EditMessageResponse.newBuilder().setMessage(toProto(m)).build());
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
                .setReplyTo(m.replyTo())
                .setEditedAt(m.editedAt())
                .setRecalled(m.recalled())
                .setRecalledAt(m.recalledAt())
                .setRecalledBy(m.recalledBy())
                .addAllMentionedUserIds(m.mentions().userIds())
                .setMentionAll(m.mentions().all())
                .build();
    }
}
