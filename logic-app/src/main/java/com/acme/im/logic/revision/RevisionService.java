package com.acme.im.logic.revision;

import com.acme.im.logic.conversation.MembershipService;
import com.acme.im.logic.delivery.TaskPublisher;
import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.common.v1.GroupRole;
import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.event.v1.AuditTask;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.IndexTask;
import com.acme.im.proto.event.v1.MessageEditedEvent;
import com.acme.im.proto.event.v1.MessageRecalledEvent;
import com.acme.im.proto.event.v1.TaskMessage;
import com.acme.im.proto.repo.v1.EditMessageRequest;
import com.acme.im.proto.repo.v1.GetGroupMemberRequest;
import com.acme.im.proto.repo.v1.GetMessageRequest;
import com.acme.im.proto.repo.v1.RecallMessageRequest;
import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.GrpcErrors;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.limits.Limits;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * 撤回与编辑：成员检查 → 取消息并按 {@link RevisionRules} 判定 → repo 原子地写墓碑/新内容（原文进修订记录）
 * → 通知会话在线成员（含操作者的其他设备）→ 索引任务（撤回删文档、编辑重建）与审核任务（编辑后的新内容）。
 * 任务与新消息的索引任务同 Topic、同键（会话 ID），在同一分区内排在原消息之后，索引不会被旧版本覆盖。
 */
@Singleton
public class RevisionService {

    private static final Logger LOG = LoggerFactory.getLogger(RevisionService.class);

    private final RepoClients repo;
    private final MembershipService membership;
    private final ConversationNotifier notifier;
    private final TaskPublisher tasks;
    private final RevisionConfiguration config;

    public RevisionService(RepoClients repo, MembershipService membership, ConversationNotifier notifier,
                           TaskPublisher tasks, RevisionConfiguration config) {
        this.repo = repo;
        this.membership = membership;
        this.notifier = notifier;
        this.tasks = tasks;
        this.config = config;
    }

    /**
     * 撤回；返回墓碑。同一操作者对已由他撤回的消息再次撤回（上次的响应或任务丢了而重试）时不再改库，
     * 直接回墓碑并补发删索引任务与通知，所以“已保存、任务未确认”的撤回可以靠重试补齐。
     */
    public Message recall(long userId, String conversationId, long messageId) {
        ConversationId id = ConversationId.parse(conversationId);
        membership.checkRead(userId, id);
        Message message = load(id, messageId);
        Message tomb;
        if (message.getRecalled() && message.getRecalledBy() == userId) {
            tomb = message;
        } else {
            long now = System.currentTimeMillis();
            // 只有本人在时间窗内撤回时不必查角色
            boolean needsRole = message.getSenderId() != userId || now - message.getCreatedAt() > config.getRecallWindow().toMillis();
            boolean moderator = needsRole && !message.getRecalled() && outranksSender(id, userId, message.getSenderId());
            reject(RevisionRules.recall(message, userId, moderator, now, config.getRecallWindow()));
            tomb = repo.messages().recallMessage(RecallMessageRequest.newBuilder()
                    .setMessageId(messageId).setConversationId(id.value()).setActorId(userId).build()).getMessage();
        }
        // 先发任务（索引里删掉该文档：删除的是墓碑对应的 ID，载荷不带原文；审核记录保持不动），再通知在线成员
        CompletableFuture<Void> index = tasks.publish(TaskPublisher.INDEX, id.value(), TaskPublisher.INDEX + ":" + messageId + ":recall",
                TaskMessage.newBuilder().setIndex(IndexTask.newBuilder()
                        .setAction(IndexTask.Action.ACTION_DELETE).setMessage(tomb)).build());
        CompletableFuture<Void> notice = notify(id, DownstreamDelivery.newBuilder()
                .setMessageRecalled(MessageRecalledEvent.newBuilder()
                        .setConversationId(id.value())
                        .setMessageId(tomb.getId())
                        .setSeq(tomb.getSeq())
                        .setRecalledBy(tomb.getRecalledBy())
                        .setRecalledAt(tomb.getRecalledAt()))
                .build());
        await("recall of message " + messageId, List.of(index), notice);
        return tomb;
    }

    /** 编辑；返回编辑后的消息。任务未被 Kafka 确认时回 1007：客户端重试即再编辑一次，任务随之重发。 */
    public Message edit(long userId, String conversationId, long messageId, String content) {
        ConversationId id = ConversationId.parse(conversationId);
        if (content == null || content.isBlank()) {
            throw new ImException(ErrorCode.INVALID_MESSAGE, "content must not be empty");
        }
        if (!Limits.isContentWithinLimit(content)) {
            throw new ImException(ErrorCode.INVALID_MESSAGE, "content must be at most " + Limits.MAX_CONTENT_CODE_POINTS + " characters");
        }
        // 编辑等于发出新内容：与发消息同样的写权限（群已解散 4003、被禁言 4004）
        membership.checkWrite(userId, id);
        Message message = load(id, messageId);
        reject(RevisionRules.edit(message, userId, System.currentTimeMillis(), config.getEditWindow()));
        Message edited = repo.messages().editMessage(EditMessageRequest.newBuilder()
                .setMessageId(messageId).setConversationId(id.value()).setActorId(userId).setContent(content).build())
                .getMessage();
        String version = ":edit:" + edited.getEditedAt();
        CompletableFuture<Void> index = tasks.publish(TaskPublisher.INDEX, id.value(), TaskPublisher.INDEX + ":" + messageId + version,
                TaskMessage.newBuilder().setIndex(IndexTask.newBuilder()
                        .setAction(IndexTask.Action.ACTION_UPSERT).setMessage(edited)).build());
        // 新内容重新审核：命中按（消息，edited_at）另记一条，遮蔽只作用于这个版本
        CompletableFuture<Void> audit = tasks.publish(TaskPublisher.AUDIT, id.value(), TaskPublisher.AUDIT + ":" + messageId + version,
                TaskMessage.newBuilder().setAudit(AuditTask.newBuilder().setMessage(edited)).build());
        CompletableFuture<Void> notice = notify(id, DownstreamDelivery.newBuilder()
                .setMessageEdited(MessageEditedEvent.newBuilder().setMessage(edited)).build());
        await("edit of message " + messageId, List.of(index, audit), notice);
        return edited;
    }

    /**
     * 通知在线成员；查成员或在线状态失败只记日志：变更已保存，离线与漏收的成员拉历史时看到的就是新状态，
     * 不能因为通知失败让索引与审核任务发不出去。
     */
    private CompletableFuture<Void> notify(ConversationId id, DownstreamDelivery event) {
        try {
            return notifier.notifyOnline(id, event, 0).sent();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** 消息必须存在且属于该会话，否则一律 3000（不泄露别的会话里有没有这条消息）。 */
    private Message load(ConversationId id, long messageId) {
        if (messageId <= 0) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "message_id must be positive");
        }
        Message message;
        try {
            message = repo.messages().getMessage(GetMessageRequest.newBuilder().setMessageId(messageId).build()).getMessage();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.fromThrowable(e);
        }
        if (!message.getConversationId().equals(id.value())) {
            throw new ImException(ErrorCode.MESSAGE_NOT_FOUND);
        }
        return message;
    }

    /**
     * 操作者能否撤回该发送者的消息：群主可撤回任何人的，管理员可撤回普通成员（含已退群者）与自己的，
     * 管理员之间、管理员对群主不行。只有群会话有角色。
     */
    private boolean outranksSender(ConversationId id, long actorId, long senderId) {
        if (!id.isGroup()) {
            return false;
        }
        int actor = rank(id, actorId);
        return actor > 0 && (actorId == senderId || actor > rank(id, senderId));
    }

    /** 群主 2、管理员 1、其他（普通成员、已不在群里）0。成员检查已通过，查不到角色时按普通成员处理。 */
    private int rank(ConversationId id, long userId) {
        try {
            GroupRole role = repo.groups().getGroupMember(GetGroupMemberRequest.newBuilder()
                    .setGroupId(id.groupId()).setUserId(userId).build()).getMember().getRole();
            return role == GroupRole.GROUP_ROLE_OWNER ? 2 : role == GroupRole.GROUP_ROLE_ADMIN ? 1 : 0;
        } catch (StatusRuntimeException e) {
            ImException im = GrpcErrors.fromThrowable(e);
            if (im.errorCode() == ErrorCode.UNAVAILABLE || im.errorCode() == ErrorCode.INTERNAL) {
                throw im;
            }
            return 0;
        }
    }

    private static void reject(ErrorCode code) {
        if (code != null) {
            throw new ImException(code, code.defaultMessage());
        }
    }

    /**
     * 等任务与通知被 Kafka 确认。任务（索引、审核）没确认时回 1007 让客户端重试（撤回的重试补发任务、编辑的重试再编辑一次），
     * 否则撤回的原文可能一直留在搜索里、编辑后的新内容逃过审核；通知失败只记日志。
     */
    private void await(String what, List<CompletableFuture<Void>> taskSends, CompletableFuture<Void> notice) {
        long deadline = System.nanoTime() + config.getPublishTimeout().toNanos();
        try {
            CompletableFuture.allOf(taskSends.toArray(CompletableFuture[]::new))
                    .get(config.getPublishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImException(ErrorCode.UNAVAILABLE, what + " is saved but its tasks are not confirmed yet, retry");
        } catch (Exception e) {
            LOG.error("{} saved but its tasks were not confirmed by Kafka: {}", what, e.toString());
            throw new ImException(ErrorCode.UNAVAILABLE, what + " is saved but its tasks are not confirmed yet, retry");
        }
        try {
            notice.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("{} saved, but its notice to online members failed: {}", what, e.toString());
        }
    }
}
