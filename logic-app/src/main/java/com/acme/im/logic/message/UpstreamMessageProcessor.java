package com.acme.im.logic.message;

import com.acme.im.logic.LogicConfiguration;
import com.acme.im.logic.conversation.ConversationId;
import com.acme.im.logic.conversation.Membership;
import com.acme.im.logic.conversation.MembershipService;
import com.acme.im.logic.delivery.DeliveryPublisher;
import com.acme.im.logic.delivery.TaskPublisher;
import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.event.v1.AuditTask;
import com.acme.im.proto.event.v1.DeliveryTarget;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.IndexTask;
import com.acme.im.proto.event.v1.MessageAckEvent;
import com.acme.im.proto.event.v1.PushTask;
import com.acme.im.proto.event.v1.TaskMessage;
import com.acme.im.proto.event.v1.UpstreamMessage;
import com.acme.im.proto.repo.v1.SaveMessageRequest;
import com.acme.im.proto.repo.v1.SaveMessageResponse;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.GrpcErrors;
import com.acme.im.runtime.error.ImException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * 处理一条上行消息：校验 → 成员检查 → 保存（按 client_msg_id 幂等）→ 回 ack → 路由 → 发布任务。
 * 客户端的错误变成带错误码的 ack，不保存任何东西；repo 暂时不可用时按退避重试，
 * 超过重试时限仍不可用则抛出，让整批不提交偏移量、稍后重新消费（不跳过消息）。
 * 重复消息（重投或客户端重发）得到原消息的 ID 与 seq，并再次路由与发布任务：
 * 下游按消息 ID / 任务 ID 去重，这样上次处理中途崩溃时也不会漏投。
 */
@Singleton
public class UpstreamMessageProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamMessageProcessor.class);

    private final MessageValidator validator;
    private final MembershipService membership;
    private final RepoClients repo;
    private final DeliveryPublisher deliveries;
    private final MessageRouter router;
    private final TaskPublisher tasks;
    private final DisplayNameService names;
    private final long retryTimeoutMillis;

    public UpstreamMessageProcessor(MessageValidator validator, MembershipService membership, RepoClients repo,
                                    DeliveryPublisher deliveries, MessageRouter router, TaskPublisher tasks,
                                    DisplayNameService names, LogicConfiguration configuration) {
        this.validator = validator;
        this.membership = membership;
        this.repo = repo;
        this.deliveries = deliveries;
        this.router = router;
        this.tasks = tasks;
        this.names = names;
        this.retryTimeoutMillis = configuration.getUpstreamRetryTimeout().toMillis();
    }

    /** 处理结果类别，用于指标。 */
    public enum Outcome {
        /** 新消息已保存并路由 */
        ACCEPTED,
        /** 重复消息，回了原消息的 ack */
        DUPLICATE,
        /** 被拒绝，回了错误 ack */
        REJECTED
    }

    /**
     * 处理结果。
     *
     * @param outcome 类别
     * @param sends   本条消息产生的全部 Kafka 发送
     */
    public record Processed(Outcome outcome, CompletableFuture<Void> sends) {
    }

    /** 带重试地处理一条消息（快照只用于本条所在的会话）；只有 repo 持续不可用时才抛出 ImException(1007)。 */
    public Processed process(UpstreamMessage m, ConversationSnapshot snapshot) {
        long deadline = System.currentTimeMillis() + retryTimeoutMillis;
        long backoff = 100;
        while (true) {
            try {
                return attempt(m, snapshot);
            } catch (RuntimeException e) {
                ImException im = GrpcErrors.fromThrowable(e);
                if (!isTransient(im.errorCode())) {
                    return reject(m, im);
                }
                if (System.currentTimeMillis() + backoff > deadline) {
                    if (im.errorCode() == ErrorCode.UNAVAILABLE) {
                        throw im;
                    }
                    // 持续的内部错误不再阻塞分区：回错误 ack 后继续
                    LOG.error("upstream message {} failed after retries", m.getClientMsgId(), e);
                    return reject(m, new ImException(ErrorCode.INTERNAL));
                }
                LOG.warn("upstream message {} failed transiently ({}), retrying in {} ms", m.getClientMsgId(), im.getMessage(), backoff);
                pause(backoff);
                backoff = Math.min(backoff * 2, 2000);
            }
        }
    }

    private Processed attempt(UpstreamMessage m, ConversationSnapshot snapshot) {
        ConversationId id = validator.validate(m);
        Membership member = snapshot.membership(m.getUserId(), user -> membership.checkWrite(user, id));
        SaveMessageResponse saved = repo.messages().saveMessage(SaveMessageRequest.newBuilder()
                .setConversationId(id.value())
                .setSenderId(m.getUserId())
                .setType(m.getType())
                .setContent(m.getContent())
                .setClientMsgId(m.getClientMsgId())
                .build());
        Message message = saved.getMessage();
        List<CompletableFuture<Void>> sends = new ArrayList<>(6);
        sends.add(ack(m, MessageAckEvent.newBuilder()
                .setMessageId(message.getId())
                .setSeq(message.getSeq())
                .setConversationId(id.value())));
        RouteResult route = routeSaved(message, m.getConnectionId(), member, snapshot);
        sends.add(route.sends());
        sends.add(tasks.publish(TaskPublisher.INDEX, id.value(), message.getId(), TaskMessage.newBuilder()
                .setIndex(IndexTask.newBuilder().setAction(IndexTask.Action.ACTION_UPSERT).setMessage(message)).build()));
        sends.add(tasks.publish(TaskPublisher.AUDIT, id.value(), message.getId(), TaskMessage.newBuilder()
                .setAudit(AuditTask.newBuilder().setMessage(message)).build()));
        if (!route.offline().isEmpty() && !id.isWorld()) {
            sends.add(push(id, message, route.offline()));
        }
        return new Processed(saved.getDuplicate() ? Outcome.DUPLICATE : Outcome.ACCEPTED,
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)));
    }

    /**
     * 路由已保存的消息。此时消息已入库、已回成功 ack：业务错误（如群在此刻被解散）只记日志，
     * 不能再回错误 ack；瞬时错误照常上抛重试（重试时保存会得到重复结果，不会多存）。
     */
    private RouteResult routeSaved(Message message, String senderConnection, Membership member, ConversationSnapshot snapshot) {
        try {
            return router.route(message, senderConnection, member, snapshot);
        } catch (RuntimeException e) {
            ImException im = GrpcErrors.fromThrowable(e);
            if (isTransient(im.errorCode())) {
                throw e;
            }
            LOG.warn("message {} saved but not routed: {} {}", message.getId(), im.code(), im.getMessage());
            return new RouteResult(CompletableFuture.completedFuture(null), List.of(), false);
        }
    }

    private CompletableFuture<Void> push(ConversationId id, Message message, List<Long> offline) {
        String senderName;
        String title;
        try {
            senderName = names.userName(message.getSenderId());
            title = id.isGroup() ? names.groupName(id.groupId()) : senderName;
        } catch (RuntimeException e) {
            ImException im = GrpcErrors.fromThrowable(e);
            if (isTransient(im.errorCode())) {
                throw e;
            }
            // 名字只是通知标题的装饰，查不到时推送照发
            senderName = "";
            title = "";
        }
        return tasks.publish(TaskPublisher.PUSH, id.value(), message.getId(), TaskMessage.newBuilder()
                .setPush(PushTask.newBuilder()
                        .setMessage(message)
                        .addAllRecipientIds(offline)
                        .setTitle(title)
                        .setSenderName(senderName))
                .build());
    }

    private Processed reject(UpstreamMessage m, ImException error) {
        LOG.debug("upstream message {} rejected: {} {}", m.getClientMsgId(), error.code(), error.getMessage());
        return new Processed(Outcome.REJECTED, ack(m, MessageAckEvent.newBuilder()
                .setConversationId(m.getConversationId())
                .setErrorCode(error.code())
                .setErrorMessage(error.getMessage() == null ? error.errorCode().defaultMessage() : error.getMessage())));
    }

    /** 发送确认只投给发送连接，键为会话 ID，与该会话的新消息同分区、同顺序。 */
    private CompletableFuture<Void> ack(UpstreamMessage m, MessageAckEvent.Builder ack) {
        DownstreamDelivery event = DownstreamDelivery.newBuilder()
                .setMessageAck(ack.setClientMsgId(m.getClientMsgId()).setTimestamp(System.currentTimeMillis()))
                .build();
        DeliveryTarget target = DeliveryTarget.newBuilder().setUserId(m.getUserId()).setConnectionId(m.getConnectionId()).build();
        String key = m.getConversationId().isEmpty() ? Long.toString(m.getUserId()) : m.getConversationId();
        return deliveries.publishTo(m.getGatewayId(), key, List.of(target), event);
    }

    /** 可以通过重试恢复的错误：下游不可用、内部错误、限流。 */
    static boolean isTransient(ErrorCode code) {
        return code == ErrorCode.UNAVAILABLE || code == ErrorCode.INTERNAL || code == ErrorCode.RATE_LIMITED;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImException(ErrorCode.UNAVAILABLE, "interrupted while waiting to retry");
        }
    }
}
