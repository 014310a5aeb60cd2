package com.acme.im.fanout;

import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.common.v1.Presence;
import com.acme.im.proto.event.v1.DeliveryTarget;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.FanoutTask;
import com.acme.im.proto.event.v1.NewMessageEvent;
import com.acme.im.proto.event.v1.TaskMessage;
import com.acme.im.proto.repo.v1.GetConversationMembersRequest;
import com.acme.im.proto.repo.v1.GetConversationMembersResponse;
import com.acme.im.proto.repo.v1.GetGroupMembersRequest;
import com.acme.im.proto.repo.v1.GetGroupMembersResponse;
import com.acme.im.proto.repo.v1.GetUsersOnlineStatusRequest;
import com.acme.im.proto.repo.v1.GetUsersOnlineStatusResponse;
import com.google.common.util.concurrent.ListenableFuture;
import com.acme.im.runtime.error.GrpcErrors;
import com.acme.im.runtime.kafka.Topics;
import com.acme.im.task.TaskProcessor;
import com.acme.im.task.TaskRejectedException;
import com.acme.im.task.TaskTypes;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * 大群扩散：按 user_id 游标分批取成员（每批约 200），批量查在线状态，
 * 每批按网关聚合，每个网关每批发一条 DownstreamDelivery（携带该网关上的全部目标）。
 *
 * 重投语义的选择：至少一次。任务被重投（实例崩溃、确认超时后重试）时整条任务从头扩散，
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
    private final DownstreamPublisher publisher;
    private final FanoutConfiguration config;
    private final MeterRegistry meters;

    public FanoutProcessor(RepoClients repo, DownstreamPublisher publisher, FanoutConfiguration config, MeterRegistry meters) {
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
        long start = System.nanoTime();
        List<CompletableFuture<?>> acks = new ArrayList<>();
        List<ListenableFuture<GetUsersOnlineStatusResponse>> lookups = new ArrayList<>();
        int members = 0;
        int targets = 0;
        long cursor = 0;
        boolean more = true;
        try {
            while (more) {
                List<Long> page;
                if (fanout.getGroupId() > 0) {
                    GetGroupMembersResponse r = repo.groups().getGroupMembers(GetGroupMembersRequest.newBuilder()
                            .setGroupId(fanout.getGroupId()).setAfterUserId(cursor).setLimit(config.getPageSize()).build());
                    page = r.getMembersList().stream().map(m -> m.getUserId()).toList();
                    more = r.getHasMore();
                } else {
                    GetConversationMembersResponse r = repo.conversations().getConversationMembers(GetConversationMembersRequest.newBuilder()
                            .setConversationId(conversationId.isEmpty() ? WORLD : conversationId)
                            .setAfterUserId(cursor).setLimit(config.getPageSize()).build());
                    page = r.getUserIdsList();
                    more = r.getHasMore();
                }
                if (page.isEmpty()) {
                    break;
                }
                cursor = page.get(page.size() - 1);
                members += page.size();
                // 在线状态查询异步发出，与下一页成员的拉取重叠；结果到达后按网关聚合发送
                ListenableFuture<GetUsersOnlineStatusResponse> presence = repo.onlineStatusAsync().getUsersOnlineStatus(
                        GetUsersOnlineStatusRequest.newBuilder().addAllUserIds(page).build());
                lookups.add(presence);
            }
            for (ListenableFuture<GetUsersOnlineStatusResponse> presence : lookups) {
                targets += sendBatch(task, fanout, conversationId,
                        presence.get(config.getRepoDeadline().toMillis(), TimeUnit.MILLISECONDS).getPresencesList(), acks);
            }
            // 等待全部下行记录被确认后才返回成功，之后分发器才提交任务偏移量
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(config.getSendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.fromThrowable(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StatusRuntimeException sre ? GrpcErrors.fromThrowable(sre) : e;
        } finally {
            lookups.forEach(f -> f.cancel(false));
        }
        meters.counter("im.fanout.targets").increment(targets);
        LOG.info("fanout of message {} in {}: members={} onlineTargets={} records={} took {} ms", message.getId(),
                conversationId, members, targets, acks.size(), (System.nanoTime() - start) / 1_000_000);
    }

    /** 一批成员的在线状态按网关聚合后发送（每网关每批一条记录）；返回目标数。 */
    private int sendBatch(TaskMessage task, FanoutTask fanout, String conversationId, List<Presence> presences,
                          List<CompletableFuture<?>> acks) {
        Map<String, List<DeliveryTarget>> byGateway = new LinkedHashMap<>();
        long senderId = fanout.getMessage().getSenderId();
        for (Presence p : presences) {
            if (!p.getOnline()) {
                continue;
            }
            DeliveryTarget.Builder target = DeliveryTarget.newBuilder().setUserId(p.getUserId());
            if (p.getUserId() == senderId && !fanout.getSenderConnectionId().isEmpty()) {
                // 发送者的其他设备也要收到，只排除发送连接本身
                target.setExcludeConnectionId(fanout.getSenderConnectionId());
            }
            DeliveryTarget t = target.build();
            for (String gatewayId : new java.util.LinkedHashSet<>(p.getGatewayIdsList())) {
                byGateway.computeIfAbsent(gatewayId, g -> new ArrayList<>()).add(t);
            }
        }
        int count = 0;
        NewMessageEvent event = NewMessageEvent.newBuilder().setMessage(fanout.getMessage()).build();
        for (Map.Entry<String, List<DeliveryTarget>> e : byGateway.entrySet()) {
            DownstreamDelivery delivery = DownstreamDelivery.newBuilder()
                    .setTraceId(task.getTraceId())
                    .setGatewayId(e.getKey())
                    .addAllTargets(e.getValue())
                    .setNewMessage(event)
                    .setCreatedAt(System.currentTimeMillis())
                    .build();
            acks.add(publisher.send(Topics.downstream(e.getKey()), conversationId, delivery.toByteArray()));
            count += e.getValue().size();
        }
        return count;
    }
}
