package com.acme.im.logic.message;

import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.logic.LogicConfiguration;
import com.acme.im.logic.conversation.Membership;
import com.acme.im.logic.contact.RelationService;
import com.acme.im.logic.conversation.MembershipService;
import com.acme.im.logic.delivery.TaskPublisher;
import com.acme.im.logic.presence.PresenceQueryService;
import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.common.v1.GroupRole;
import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.common.v1.Presence;
import com.acme.im.proto.event.v1.AuditTask;
import com.acme.im.proto.event.v1.DeliveryTarget;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.FanoutTask;
import com.acme.im.proto.event.v1.IndexTask;
import com.acme.im.proto.event.v1.MessageAckEvent;
import com.acme.im.proto.event.v1.NewMessageEvent;
import com.acme.im.proto.event.v1.PushTask;
import com.acme.im.proto.event.v1.TaskMessage;
import com.acme.im.proto.event.v1.UpstreamMessage;
import com.acme.im.proto.repo.v1.MessageSource;
import com.acme.im.proto.repo.v1.SaveMessageRequest;
import com.acme.im.proto.repo.v1.SaveMessageResult;
import com.acme.im.proto.repo.v1.SaveMessagesRequest;
import com.acme.im.runtime.delivery.DeliveryBatch;
import com.acme.im.runtime.delivery.DeliveryPublisher;
import com.acme.im.runtime.delivery.GatewayRouting;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.GrpcErrors;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.trace.TraceContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * 一批上行记录作为一个整体处理，repo 往返次数与批大小无关：
 * 校验 → 一次批量成员检查（单聊本地判定）→ 一次 SaveMessages（每会话一次分配 seq、多行插入），
 * 同时并行地查参与者与一次批量在线状态（全批接收者的并集；两者只取决于会话、不取决于保存结果，
 * 所以一批的关键路径是保存与在线查询中较慢的一个，而不是两者之和）
 * → 每个网关、每个上行分区一条下行记录（含 ack 与新消息，按记录顺序）→ 任务。
 * 客户端错误变成该条的错误 ack；repo 不可用等基础设施错误整体抛出，由监听器回退整批稍后重试（不跳过消息）。
 *
 * <p>重发消息的判定：每条消息保存时记下它所在的上行记录（分区、偏移量）。同一会话的记录总在同一分区，
 * 而消费者只有在一批的全部下行与任务记录被 Kafka 确认之后才前进到下一批。所以重发（重复保存）时，
 * 若原记录与当前记录同分区、且原偏移量小于本批在该分区的起点，原投递一定已被确认发布：只回 ack，不再投递、
 * 不再发任务。其余重复（原记录就在本批或更晚、分区不同、没有来源）照常投递，下游按消息 ID 去重。
 */
@Singleton
public class UpstreamBatchProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamBatchProcessor.class);

    private final MessageValidator validator;
    private final MembershipService membership;
    private final RelationService relations;
    private final RepoClients repo;
    private final MessageRouter router;
    private final PresenceQueryService presence;
    private final DeliveryPublisher deliveries;
    private final TaskPublisher tasks;
    private final DisplayNameService names;
    private final int saveChunkSize;
    private final Timer membershipTimer;
    private final Timer saveTimer;
    private final Timer routeTimer;
    /** 与保存并行的在线查询线程：每个上行消费线程同一时刻最多占一个，所以线程数以消费线程数为界。 */
    private final ExecutorService lookups = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "upstream-lookup-" + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });

    public UpstreamBatchProcessor(MessageValidator validator, MembershipService membership, RepoClients repo,
                                  MessageRouter router, PresenceQueryService presence, DeliveryPublisher deliveries,
                                  TaskPublisher tasks, DisplayNameService names, LogicConfiguration configuration,
                                  MeterRegistry meters, RelationService relations) {
        this.saveChunkSize = Math.max(1, Math.min(1000, configuration.getSaveChunkSize()));
        this.validator = validator;
        this.membership = membership;
        this.relations = relations;
        this.repo = repo;
        this.router = router;
        this.presence = presence;
        this.deliveries = deliveries;
        this.tasks = tasks;
        this.names = names;
        // 分阶段计时：定位一批的时间花在哪一跳（成员检查、保存、在线查询与投递组装），下一个瓶颈据此判断
        this.membershipTimer = stage(meters, "membership");
        this.saveTimer = stage(meters, "save");
        this.routeTimer = stage(meters, "route");
    }

    private static Timer stage(MeterRegistry meters, String name) {
        return Timer.builder("im.logic.upstream.stage").tag("stage", name)
                .description("time spent in one stage of an upstream batch").register(meters);
    }

    /**
     * 一条已解析的上行记录。
     *
     * @param partition 上行分区
     * @param offset    偏移量
     * @param message   消息
     * @param traceId   追踪 ID
     */
    public record UpstreamRecord(int partition, long offset, UpstreamMessage message, String traceId) {
    }

    /**
     * 一批的处理结果。
     *
     * @param sends      全部 Kafka 发送，确认后才能提交偏移量
     * @param accepted   新保存的消息数
     * @param duplicates 重复且照常投递的消息数
     * @param quiet      重复且原投递已确认、只回 ack 的消息数
     * @param rejected   回了错误 ack 的消息数
     */
    public record BatchResult(CompletableFuture<Void> sends, int accepted, int duplicates, int quiet, int rejected) {
    }

    /**
     * 处理一批。
     *
     * @param records      按偏移量顺序的记录（可跨分区）
     * @param firstOffsets 本批每个分区的起始偏移量
     */
    public BatchResult process(List<UpstreamRecord> records, Map<Integer, Long> firstOffsets) {
        List<Item> items = new ArrayList<>(records.size());
        for (UpstreamRecord r : records) {
            Item item = new Item(r);
            try {
                item.conversation = validator.validate(r.message());
            } catch (ImException e) {
                item.error = e;
            }
            items.add(item);
        }
        membershipTimer.record(() -> checkMembership(items));
        CompletableFuture<Routing> routingLookup = lookupAsync(items);
        saveTimer.record(() -> save(items));
        int[] counts = new int[4];
        Set<Long> routedIds = new HashSet<>();
        for (Item item : items) {
            if (item.error != null) {
                counts[3]++;
            } else if (!item.saved.getDuplicate()) {
                counts[0]++;
                item.route = routedIds.add(item.saved.getMessage().getId());
            } else if (knownPublished(item, firstOffsets)) {
                counts[2]++;
            } else {
                counts[1]++;
                item.route = routedIds.add(item.saved.getMessage().getId());
            }
        }
        Routing found = awaitRouting(routingLookup);
        Map<String, List<Long>> participants = found.participants();
        Map<Long, Presence> presences = found.presences();
        // 每个上行分区各一批下行投递，键为该分区：同一会话的记录总在同一上行分区，它的 ack 与新消息因此总落在
        // 每个网关 Topic 的同一分区，先后两批（即使分区在再均衡后换了消费线程）在网关侧也保持顺序
        Map<Integer, DeliveryBatch> outByPartition = new LinkedHashMap<>();
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (Item item : items) {
            DeliveryBatch out = outByPartition.computeIfAbsent(item.record.partition(), p -> new DeliveryBatch());
            try (TraceContext.Scope ignored = TraceContext.open(item.record.traceId())) {
                ack(item, out);
                if (item.route) {
                    route(item, participants, presences, out, sends);
                }
            }
        }
        outByPartition.forEach((partition, out) -> sends.add(deliveries.publish("upstream-" + partition, out)));
        return new BatchResult(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)),
                counts[0], counts[1], counts[2], counts[3]);
    }

    private void checkMembership(List<Item> items) {
        List<MembershipService.MemberKey> keys = new ArrayList<>();
        for (Item item : items) {
            if (item.error == null) {
                keys.add(item.key());
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        Map<MembershipService.MemberKey, Object> results = membership.checkWriteAll(keys);
        for (Item item : items) {
            if (item.error == null) {
                Object r = results.get(item.key());
                if (r instanceof ImException e) {
                    item.error = e;
                } else {
                    item.membership = (Membership) r;
                    item.error = mentionAllRefusal(item);
                }
            }
        }
    }

    /** @所有人 只有群主、管理员能发（角色随同一次批量成员检查返回，不多查）；否则该条得到 3012。 */
    private static ImException mentionAllRefusal(Item item) {
        if (item.record.message().getMentionAll() && item.membership.groupRole() < GroupRole.GROUP_ROLE_ADMIN_VALUE) {
            return new ImException(ErrorCode.MENTION_ALL_FORBIDDEN, "only the group owner or an admin can mention all");
        }
        return null;
    }

    /** 按块依次保存（同一会话的块有先后，seq 因此仍按记录顺序分配）。 */
    private void save(List<Item> items) {
        List<Item> pending = items.stream().filter(i -> i.error == null).toList();
        for (int from = 0; from < pending.size(); from += saveChunkSize) {
            saveChunk(pending.subList(from, Math.min(pending.size(), from + saveChunkSize)));
        }
    }

    private void saveChunk(List<Item> items) {
        // 单聊的拉黑（与“仅好友单聊”开关）由 repo 在同一次保存里检查（整批一条查询），被拒的得到 5003/5001 的错误 ack：
        // 不保存、不投递，同批其他消息照常处理；已保存消息的重发同样被拒
        SaveMessagesRequest.Builder request = SaveMessagesRequest.newBuilder().setFriendsOnly(relations.friendsOnly());
        List<Item> saving = new ArrayList<>();
        for (Item item : items) {
            UpstreamMessage m = item.record.message();
            request.addMessages(SaveMessageRequest.newBuilder()
                    .setConversationId(item.conversation.value())
                    .setSenderId(m.getUserId())
                    .setType(m.getType())
                    .setContent(m.getContent())
                    .setClientMsgId(m.getClientMsgId())
                    .setReplyTo(m.getReplyTo())
                    .addAllMentionedUserIds(m.getMentionedUserIdsList())
                    .setMentionAll(m.getMentionAll())
                    .setSource(MessageSource.newBuilder().setPartition(item.record.partition()).setOffset(item.record.offset())));
            saving.add(item);
        }
        if (saving.isEmpty()) {
            return;
        }
        List<SaveMessageResult> results;
        try {
            results = repo.messages().saveMessages(request.build()).getResultsList();
        } catch (RuntimeException e) {
            throw GrpcErrors.fromThrowable(e);
        }
        for (int i = 0; i < saving.size(); i++) {
            Item item = saving.get(i);
            SaveMessageResult r = results.get(i);
            if (r.getErrorCode() != 0) {
                item.error = new ImException(ErrorCode.of(r.getErrorCode()), r.getErrorMessage());
            } else {
                item.saved = r;
            }
        }
    }

    /** 重复消息的原投递是否已确认发布：原记录与当前记录同分区，且在本批起点之前。 */
    static boolean knownPublished(Item item, Map<Integer, Long> firstOffsets) {
        if (!item.saved.hasSource()) {
            return false;
        }
        MessageSource source = item.saved.getSource();
        Long first = firstOffsets.get(item.record.partition());
        return source.getPartition() == item.record.partition() && first != null && source.getOffset() < first;
    }

    /** 参与者与他们的在线状态。 */
    private record Routing(Map<String, List<Long>> participants, Map<Long, Presence> presences) {
    }

    /** 在另一线程上查参与者与在线状态，与保存同时进行（追踪上下文随任务带过去）。 */
    private CompletableFuture<Routing> lookupAsync(List<Item> items) {
        List<Item> candidates = items.stream().filter(i -> i.error == null).toList();
        if (candidates.isEmpty()) {
            return CompletableFuture.completedFuture(new Routing(Map.of(), Map.of()));
        }
        String traceId = candidates.get(0).record.traceId();
        return CompletableFuture.supplyAsync(() -> {
            try (TraceContext.Scope ignored = TraceContext.open(traceId)) {
                return routeTimer.record(() -> {
                    Map<String, List<Long>> participants = participants(candidates);
                    return new Routing(participants, lookup(participants));
                });
            }
        }, lookups);
    }

    /** 等待并行的在线查询；它的失败（repo 不可用等）与保存失败一样让整批回退重试。 */
    private static Routing awaitRouting(CompletableFuture<Routing> lookup) {
        try {
            return lookup.join();
        } catch (CompletionException e) {
            throw GrpcErrors.fromThrowable(e.getCause() == null ? e : e.getCause());
        }
    }

    @PreDestroy
    void close() {
        lookups.shutdownNow();
    }

    /**
     * 直接投递的会话各查一次参与者（与保存并行，所以也会为随后保存失败或不再投递的重复消息查询，结果不用而已）。
     * 业务错误（如群在此刻被解散）只记日志、不投递；瞬时错误整体抛出重试（重试时保存得到重复结果，不会多存）。
     */
    private Map<String, List<Long>> participants(List<Item> items) {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (Item item : items) {
            if (!router.needsFanout(item.membership) && !out.containsKey(item.conversation.value())) {
                List<Long> users;
                try {
                    users = router.participants(item.conversation);
                } catch (RuntimeException e) {
                    ImException im = GrpcErrors.fromThrowable(e);
                    if (im.errorCode() == ErrorCode.UNAVAILABLE || im.errorCode() == ErrorCode.INTERNAL) {
                        throw im;
                    }
                    LOG.warn("conversation {}: participants unavailable, its messages are stored but not routed: {} {}",
                            item.conversation.value(), im.code(), im.getMessage());
                    users = List.of();
                }
                out.put(item.conversation.value(), users);
            }
        }
        return out;
    }

    /** 全批接收者的在线状态一次查完（按 repo 上限分批）。 */
    private Map<Long, Presence> lookup(Map<String, List<Long>> participants) {
        Set<Long> users = new LinkedHashSet<>();
        participants.values().forEach(users::addAll);
        Map<Long, Presence> out = new HashMap<>();
        if (!users.isEmpty()) {
            for (Presence p : presence.lookup(users)) {
                out.put(p.getUserId(), p);
            }
        }
        return out;
    }

    /** 发送确认只投给发送连接。 */
    private void ack(Item item, DeliveryBatch out) {
        UpstreamMessage m = item.record.message();
        MessageAckEvent.Builder ack = MessageAckEvent.newBuilder()
                .setClientMsgId(m.getClientMsgId())
                .setConversationId(m.getConversationId())
                .setTimestamp(System.currentTimeMillis());
        if (item.error != null) {
            ack.setErrorCode(item.error.code()).setErrorMessage(item.error.getMessage() == null
                    ? item.error.errorCode().defaultMessage() : item.error.getMessage());
        } else {
            ack.setMessageId(item.saved.getMessage().getId()).setSeq(item.saved.getMessage().getSeq());
        }
        DeliveryTarget target = DeliveryTarget.newBuilder().setUserId(m.getUserId()).setConnectionId(m.getConnectionId()).build();
        out.add(m.getGatewayId(), List.of(target), DownstreamDelivery.newBuilder()
                .setTraceId(item.record.traceId()).setMessageAck(ack).build());
    }

    private void route(Item item, Map<String, List<Long>> participants, Map<Long, Presence> presences, DeliveryBatch out,
                       List<CompletableFuture<Void>> sends) {
        Message message = item.saved.getMessage();
        ConversationId id = item.conversation;
        String sender = item.record.message().getConnectionId();
        if (router.needsFanout(item.membership)) {
            sends.add(tasks.publish(TaskPublisher.FANOUT, id.value(), message.getId(), TaskMessage.newBuilder()
                    .setFanout(FanoutTask.newBuilder()
                            .setGroupId(id.groupId())
                            .setConversationId(id.value())
                            .setMessage(message)
                            .setSenderConnectionId(sender)).build()));
        } else {
            List<Presence> recipients = new ArrayList<>();
            for (long user : participants.get(id.value())) {
                Presence p = presences.get(user);
                if (p != null) {
                    recipients.add(p);
                }
            }
            out.add(GatewayRouting.byGateway(recipients, message.getSenderId(), sender), DownstreamDelivery.newBuilder()
                    .setTraceId(item.record.traceId())
                    .setNewMessage(NewMessageEvent.newBuilder().setMessage(message)).build());
            List<Long> offline = GatewayRouting.offline(recipients, message.getSenderId());
            if (!offline.isEmpty() && !id.isWorld()) {
                sends.add(push(id, message, offline));
            }
        }
        sends.add(tasks.publish(TaskPublisher.INDEX, id.value(), message.getId(), TaskMessage.newBuilder()
                .setIndex(IndexTask.newBuilder().setAction(IndexTask.Action.ACTION_UPSERT).setMessage(message)).build()));
        sends.add(tasks.publish(TaskPublisher.AUDIT, id.value(), message.getId(), TaskMessage.newBuilder()
                .setAudit(AuditTask.newBuilder().setMessage(message)).build()));
    }

    private CompletableFuture<Void> push(ConversationId id, Message message, List<Long> offline) {
        String senderName;
        String title;
        try {
            senderName = names.userName(message.getSenderId());
            title = id.isGroup() ? names.groupName(id.groupId()) : senderName;
        } catch (RuntimeException e) {
            ImException im = GrpcErrors.fromThrowable(e);
            if (im.errorCode() == ErrorCode.UNAVAILABLE || im.errorCode() == ErrorCode.INTERNAL) {
                throw im;
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

    /** 一条记录在本批中的处理状态。 */
    static final class Item {
        final UpstreamRecord record;
        ConversationId conversation;
        Membership membership;
        SaveMessageResult saved;
        ImException error;
        boolean route;

        Item(UpstreamRecord record) {
            this.record = record;
        }

        MembershipService.MemberKey key() {
            return new MembershipService.MemberKey(record.message().getUserId(), conversation);
        }
    }
}
