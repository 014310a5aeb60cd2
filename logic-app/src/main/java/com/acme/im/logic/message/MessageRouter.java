package com.acme.im.logic.message;

import com.acme.im.logic.LogicConfiguration;
import com.acme.im.logic.conversation.ConversationId;
import com.acme.im.logic.conversation.Membership;
import com.acme.im.logic.delivery.DeliveryPublisher;
import com.acme.im.logic.delivery.GatewayRouting;
import com.acme.im.logic.delivery.TaskPublisher;
import com.acme.im.logic.presence.PresenceQueryService;
import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.common.v1.GroupMember;
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
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * 新消息的路由：单聊与不超过阈值的群/世界聊天室直接按网关投递（每个网关一条记录，
 * 含全部接收者与发送者的其他设备）；超过阈值的改发扩散任务，由 fanout 函数分页投递。
 */
@Singleton
public class MessageRouter {

    private final RepoClients repo;
    private final PresenceQueryService presence;
    private final DeliveryPublisher deliveries;
    private final TaskPublisher tasks;
    private final int fanoutThreshold;
    private final int pageSize;

    public MessageRouter(RepoClients repo, PresenceQueryService presence, DeliveryPublisher deliveries, TaskPublisher tasks,
                         LogicConfiguration configuration) {
        this.repo = repo;
        this.presence = presence;
        this.deliveries = deliveries;
        this.tasks = tasks;
        this.fanoutThreshold = configuration.getFanoutThreshold();
        this.pageSize = Math.max(1, Math.min(1000, configuration.getMemberPageSize()));
    }

    /** 判断是否走扩散任务：只对群聊与世界聊天室、且成员数超过阈值时。 */
    public boolean needsFanout(Membership membership) {
        return !membership.conversation().isSingle() && membership.memberCount() > fanoutThreshold;
    }

    /**
     * 路由一条已保存的消息。
     *
     * @param message          已保存的消息
     * @param senderConnection 发送连接，从投递中排除
     * @param membership       成员检查结果（含成员数）
     * @param snapshot         本批内该会话的在线状态快照
     */
    public RouteResult route(Message message, String senderConnection, Membership membership, ConversationSnapshot snapshot) {
        ConversationId id = membership.conversation();
        if (needsFanout(membership)) {
            TaskMessage task = TaskMessage.newBuilder().setFanout(FanoutTask.newBuilder()
                    .setGroupId(id.groupId())
                    .setConversationId(id.value())
                    .setMessage(message)
                    .setSenderConnectionId(senderConnection)).build();
            return new RouteResult(tasks.publish(TaskPublisher.FANOUT, id.value(), message.getId(), task), List.of(), true);
        }
        long sender = message.getSenderId();
        List<Presence> presences = snapshot.presences(() -> presence.lookup(participants(id)));
        if (presences.stream().noneMatch(p -> p.getUserId() == sender)) {
            // 发送者刚入群、快照中还没有他：单独补查，保证他的其他设备也收到
            presences = new ArrayList<>(presences);
            presences.addAll(presence.lookup(List.of(sender)));
        }
        DeliveryTarget senderTarget = DeliveryTarget.newBuilder().setUserId(sender).setExcludeConnectionId(senderConnection).build();
        Map<String, List<DeliveryTarget>> byGateway = GatewayRouting.byGateway(presences,
                user -> user == sender ? senderTarget : GatewayRouting.allConnections(user));
        List<Long> offline = new ArrayList<>();
        for (Presence p : presences) {
            if (!p.getOnline() && p.getUserId() != sender) {
                offline.add(p.getUserId());
            }
        }
        DownstreamDelivery event = DownstreamDelivery.newBuilder()
                .setNewMessage(NewMessageEvent.newBuilder().setMessage(message)).build();
        return new RouteResult(deliveries.publish(id.value(), byGateway, event), offline, false);
    }

    /** 会话全部参与者（单聊为两方），与发送者无关，因此可在同一会话的多条消息间复用。 */
    private List<Long> participants(ConversationId id) {
        List<Long> users = new ArrayList<>();
        if (id.isSingle()) {
            users.add(id.smallUser());
            users.add(id.largeUser());
        } else if (id.isGroup()) {
            collectGroupMembers(id.groupId(), users);
        } else {
            collectConversationMembers(id.value(), users);
        }
        return users;
    }

    private void collectGroupMembers(long groupId, List<Long> out) {
        long after = 0;
        while (true) {
            GetGroupMembersResponse page = repo.groups().getGroupMembers(GetGroupMembersRequest.newBuilder()
                    .setGroupId(groupId).setAfterUserId(after).setLimit(pageSize).build());
            for (GroupMember m : page.getMembersList()) {
                out.add(m.getUserId());
                after = Math.max(after, m.getUserId());
            }
            if (!page.getHasMore() || page.getMembersCount() == 0) {
                return;
            }
        }
    }

    private void collectConversationMembers(String conversationId, List<Long> out) {
        long after = 0;
        while (true) {
            GetConversationMembersResponse page = repo.conversations().getConversationMembers(GetConversationMembersRequest.newBuilder()
                    .setConversationId(conversationId).setAfterUserId(after).setLimit(pageSize).build());
            for (long userId : page.getUserIdsList()) {
                out.add(userId);
                after = Math.max(after, userId);
            }
            if (!page.getHasMore() || page.getUserIdsCount() == 0) {
                return;
            }
        }
    }
}
