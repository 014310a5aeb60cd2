package com.acme.im.logic.conversation;

import com.acme.im.logic.contact.RelationService;
import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.runtime.delivery.DeliveryPublisher;
import com.acme.im.runtime.delivery.GatewayRouting;
import com.acme.im.logic.presence.PresenceQueryService;
import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.common.v1.Conversation;
import com.acme.im.proto.common.v1.ConversationType;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.ReadReceiptEvent;
import com.acme.im.proto.repo.v1.EnsureConversationRequest;
import com.acme.im.proto.repo.v1.GetConversationMessagesRequest;
import com.acme.im.proto.repo.v1.GetConversationMessagesResponse;
import com.acme.im.proto.repo.v1.GetUserConversationRequest;
import com.acme.im.proto.repo.v1.GetUserConversationsRequest;
import com.acme.im.proto.repo.v1.GetUserConversationsResponse;
import com.acme.im.proto.repo.v1.LeaveConversationRequest;
import com.acme.im.proto.repo.v1.UpdateReadPointerRequest;
import com.acme.im.proto.repo.v1.UpdateReadPointerResponse;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.GrpcErrors;
import com.acme.im.runtime.error.ImException;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * 会话相关的业务规则：列表、详情、历史消息、已读、单聊建立与世界聊天室进出。
 */
@Singleton
public class ConversationService {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationService.class);

    private final RepoClients repo;
    private final MembershipService membership;
    private final PresenceQueryService presence;
    private final DeliveryPublisher deliveries;
    private final RelationService relations;

    public ConversationService(RepoClients repo, MembershipService membership, PresenceQueryService presence,
                               DeliveryPublisher deliveries, RelationService relations) {
        this.relations = relations;
        this.repo = repo;
        this.membership = membership;
        this.presence = presence;
        this.deliveries = deliveries;
    }

    /** 分页会话列表；页码与页大小越界时取默认值而不是报错，列表接口对客户端宽松。 */
    public GetUserConversationsResponse list(long userId, int page, int pageSize) {
        return repo.conversations().getUserConversations(GetUserConversationsRequest.newBuilder()
                .setUserId(userId)
                .setPage(Math.max(1, page))
                .setPageSize(pageSize <= 0 ? 20 : Math.min(pageSize, 100))
                .build());
    }

    /** 会话详情；不在会话中按类型返回 1003 或 4001。 */
    public Conversation get(long userId, String conversationId) {
        ConversationId id = ConversationId.parse(conversationId);
        if (id.isSingle() && !id.isParticipant(userId)) {
            throw new ImException(ErrorCode.FORBIDDEN, "not a member of this conversation");
        }
        try {
            return repo.conversations().getUserConversation(GetUserConversationRequest.newBuilder()
                    .setUserId(userId).setConversationId(id.value()).build()).getConversation();
        } catch (StatusRuntimeException e) {
            ImException im = GrpcErrors.fromThrowable(e);
            if (im.errorCode() == ErrorCode.FORBIDDEN && id.isGroup()) {
                throw new ImException(ErrorCode.NOT_GROUP_MEMBER, "not a group member");
            }
            throw e;
        }
    }

    /**
     * 历史消息：before_seq 向前翻页、after_seq 断线补拉（0 表示从第一条开始），二者只能给一个。
     * 读权限与参数检查都在 repo（带上 reader_id），网关的历史接口直接调用同一个 repo 接口，规则只在一处。
     *
     * @param afterSeq 负数表示未给出
     */
    public GetConversationMessagesResponse messages(long userId, String conversationId, long beforeSeq, long afterSeq, int limit) {
        GetConversationMessagesRequest.Builder request = GetConversationMessagesRequest.newBuilder()
                .setReaderId(userId)
                .setConversationId(conversationId)
                .setBeforeSeq(beforeSeq)
                .setLimit(limit);
        if (afterSeq >= 0) {
            request.setAfterSeq(afterSeq);
        }
        return repo.messages().getConversationMessages(request.build());
    }

    /** 标记已读（单调）；单聊中已读位置前进时，对方的每个在线网关收到已读回执。 */
    public UpdateReadPointerResponse markAsRead(long userId, String conversationId, long seq) {
        ConversationId id = ConversationId.parse(conversationId);
        if (seq < 0) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "seq must not be negative");
        }
        membership.checkRead(userId, id);
        UpdateReadPointerResponse r = repo.conversations().updateReadPointer(UpdateReadPointerRequest.newBuilder()
                .setUserId(userId).setConversationId(id.value()).setSeq(seq).build());
        if (id.isSingle() && r.getAdvanced()) {
            sendReadReceipt(id, userId, r.getReadSeq());
        }
        return r;
    }

    /** 打开单聊：对方必须存在（2000），不能与自己单聊（1001）；开启仅好友单聊时必须是好友（5001）。 */
    public String openSingle(long userId, long peerUserId) {
        if (peerUserId <= 0 || peerUserId == userId) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "peer_user_id must be another user");
        }
        ConversationId id = ConversationId.single(userId, peerUserId);
        relations.checkOpenSingle(userId, peerUserId);
        membership.ensureSingle(id, userId);
        return id.value();
    }

    /** 加入世界聊天室：任何已登录用户都可加入，重复加入幂等。 */
    public String joinWorld(long userId) {
        repo.conversations().ensureConversation(EnsureConversationRequest.newBuilder()
                .setConversationId(ConversationId.WORLD)
                .setType(ConversationType.CONVERSATION_TYPE_WORLD)
                .addUserIds(userId)
                .build());
        return ConversationId.WORLD;
    }

    /** 离开世界聊天室，未加入时也视为成功。 */
    public void leaveWorld(long userId) {
        repo.conversations().leaveConversation(LeaveConversationRequest.newBuilder()
                .setUserId(userId).setConversationId(ConversationId.WORLD).build());
    }

    private void sendReadReceipt(ConversationId id, long readerId, long readSeq) {
        long peer = id.peerOf(readerId);
        DownstreamDelivery event = DownstreamDelivery.newBuilder()
                .setReadReceipt(ReadReceiptEvent.newBuilder()
                        .setConversationId(id.value())
                        .setReaderId(readerId)
                        .setReadSeq(readSeq)
                        .setTimestamp(System.currentTimeMillis()))
                .build();
        try {
            deliveries.publish(id.value(), GatewayRouting.byGateway(presence.lookup(List.of(peer)), GatewayRouting::allConnections), event)
                    .whenComplete((v, e) -> {
                        if (e != null) {
                            LOG.warn("read receipt for {} not delivered: {}", id.value(), e.toString());
                        }
                    });
        } catch (RuntimeException e) {
            // 已读位置已保存，回执只是实时提示：失败不影响本次调用，对方下次拉取会话时仍能看到
            LOG.warn("read receipt for {} not delivered: {}", id.value(), e.toString());
        }
    }
}
