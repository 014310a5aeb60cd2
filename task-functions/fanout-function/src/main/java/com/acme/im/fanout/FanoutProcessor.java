package com.acme.im.fanout;

import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.common.v1.Presence;
import com.acme.im.proto.event.v1.DeliveryTarget;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.FanoutTask;
import com.acme.im.proto.event.v1.NewMessageEvent;
import com.acme.im.proto.event.v1.TaskMessage;
import com.acme.im.proto.repo.v1.GetConversationMembersRequest;
import com.acme.im.proto.repo.v1.GetGroupMembersRequest;
import com.acme.im.proto.repo.v1.GetUsersOnlineStatusRequest;
import com.acme.im.proto.repo.v1.GetUsersOnlineStatusResponse;
import com.acme.im.runtime.delivery.DeliveryBatch;
import com.acme.im.runtime.delivery.DeliveryPublisher;
import com.acme.im.runtime.delivery.GatewayRouting;
import com.acme.im.runtime.error.GrpcErrors;
import com.acme.im.task.TaskProcessor;
import com.acme.im.task.TaskRejectedException;
import com.acme.im.runtime.kafka.TaskTypes;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * 大群扩散：按 user_id 游标分页取成员（每页 1000），每 200 人一批查在线状态，每批按网关归并后立即发布
 * （经共用的 DeliveryPublisher，每个网关每批一条 DownstreamBatch 记录，携带该网关上的全部目标）。
 * 翻页与各批的在线查询由 {@link PresencePager} 并发进行，在途的 repo 调用不超过 im.fanout.max-in-flight；
 * 第一批的记录在后面的成员还没翻完时就已发出。全部记录被 Kafka 确认后才返回成功，分发器随后才提交任务偏移量。
 *
 * 重投语义的选择：至少一次。任务失败重试或被重投（实例崩溃、确认超时）时整条任务从头扩散，
 * 先前已收到的在线成员会再收到一次，但不会有人漏收；客户端按 message_id 去重，所以重复是可容忍的。
 * 没有选"记录已投递批次再跳过"的做法：那需要额外的持久化进度且进度与 Kafka 确认之间仍有窗口，
 * 换来的只是少量重复，而漏投是不可接受的。
 */
@Singleton
public class FanoutProcessor implements TaskProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(FanoutProcessor.class);
    /** 世界聊天室的会话 ID。 */
    private static final String WORLD = "world";

    private final RepoClients repo;
    private final DeliveryPublisher publisher;
    private final FanoutConfiguration config;
    private final MeterRegistry meters;

    public FanoutProcessor(RepoClients repo, DeliveryPublisher publisher, FanoutConfiguration config, MeterRegistry meters) {
        this.repo = repo;
        this.publisher = publisher;
        this.config = config;
        this.meters = meters;
    }

    @Override
    public Set<String> taskTypes() {
        return Set.of(TaskTypes.FANOUT);
    }

    @Override
    public void process(TaskMessage task) throws Exception {
        if (!task.hasFanout() || !task.getFanout().hasMessage()) {
            throw new TaskRejectedException("fanout task " + task.getTaskId() + " carries no message");
        }
        FanoutTask fanout = task.getFanout();
        Message message = fanout.getMessage();
        String conversationId = fanout.getConversationId().isEmpty() ? message.getConversationId() : fanout.getConversationId();
        if (conversationId.isEmpty()) {
            conversationId = WORLD;
        }
        String key = conversationId;
        long senderId = message.getSenderId();
        String senderConnection = fanout.getSenderConnectionId();
        // 模板只含事件；网关、目标由 DeliveryBatch 填，追踪 ID（分发器已按任务打开作用域）与时间由发布者填
        DownstreamDelivery event = DownstreamDelivery.newBuilder()
                .setNewMessage(NewMessageEvent.newBuilder().setMessage(message)).build();
        long start = System.nanoTime();
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        int[] targets = {0};
        PresencePager pager = new PresencePager(members(fanout, conversationId), this::presences,
                config.getMaxInFlight(), config.getPresenceBatch(), config.getRepoDeadline().plusSeconds(1));
        PresencePager.Totals totals;
        try {
            totals = pager.run(presences -> {
                Map<String, List<DeliveryTarget>> byGateway = GatewayRouting.byGateway(presences, senderId, senderConnection);
                DeliveryBatch batch = new DeliveryBatch().add(byGateway, event);
                if (!batch.isEmpty()) {
                    acks.add(publisher.publish(key, batch));
                    byGateway.values().forEach(t -> targets[0] += t.size());
                }
            });
            // 等全部下行记录被确认后才返回成功，之后分发器才提交任务偏移量
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(config.getSendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.fromThrowable(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StatusRuntimeException sre ? GrpcErrors.fromThrowable(sre) : e;
        }
        meters.counter("im.fanout.targets").increment(targets[0]);
        LOG.info("fanout of message {} in {}: members={} pages={} onlineTargets={} took {} ms", message.getId(),
                conversationId, totals.members(), totals.pages(), targets[0], (System.nanoTime() - start) / 1_000_000);
    }

    /** 成员分页：群按群成员，其余（含世界聊天室）按会话参与者。 */
    private PresencePager.Members members(FanoutTask fanout, String conversationId) {
        int limit = config.getPageSize();
        if (fanout.getGroupId() > 0) {
            long groupId = fanout.getGroupId();
            return cursor -> Futures.transform(repo.groups().getGroupMembers(GetGroupMembersRequest.newBuilder()
                            .setGroupId(groupId).setAfterUserId(cursor).setLimit(limit).build()),
                    r -> new PresencePager.MemberPage(r.getMembersList().stream().map(m -> m.getUserId()).toList(), r.getHasMore()),
                    MoreExecutors.directExecutor());
        }
        return cursor -> Futures.transform(repo.conversations().getConversationMembers(GetConversationMembersRequest.newBuilder()
                        .setConversationId(conversationId).setAfterUserId(cursor).setLimit(limit).build()),
                r -> new PresencePager.MemberPage(r.getUserIdsList(), r.getHasMore()),
                MoreExecutors.directExecutor());
    }

    private ListenableFuture<List<Presence>> presences(List<Long> userIds) {
        return Futures.transform(repo.onlineStatus().getUsersOnlineStatus(
                        GetUsersOnlineStatusRequest.newBuilder().addAllUserIds(userIds).build()),
                GetUsersOnlineStatusResponse::getPresencesList, MoreExecutors.directExecutor());
    }
}
