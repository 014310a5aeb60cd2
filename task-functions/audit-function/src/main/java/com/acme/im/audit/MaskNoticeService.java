package com.acme.im.audit;

import com.acme.im.proto.common.v1.Presence;
import com.acme.im.proto.event.v1.DeliveryTarget;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.MessageMaskedEvent;
import com.acme.im.proto.repo.v1.GetConversationMembersRequest;
import com.acme.im.proto.repo.v1.GetConversationMembersResponse;
import com.acme.im.proto.repo.v1.GetUsersOnlineStatusRequest;
import com.acme.im.runtime.kafka.Topics;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * 把"消息已遮蔽"通知发给会话的在线成员：分批取参与者、批量查在线、每网关每批一条下行记录。
 * 离线成员之后拉历史时拿到的已是遮蔽内容（repo 已更新），无需推送。
 */
@Singleton
public class MaskNoticeService {

    private final RepoClients repo;
    private final DownstreamPublisher publisher;
    private final AuditConfiguration config;

    public MaskNoticeService(RepoClients repo, DownstreamPublisher publisher, AuditConfiguration config) {
        this.repo = repo;
        this.publisher = publisher;
        this.config = config;
    }

    /** 通知并等待全部下行记录确认；返回目标数。 */
    public int notifyOnlineMembers(String traceId, MessageMaskedEvent event) throws Exception {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        int targets = 0;
        long cursor = 0;
        boolean more = true;
        while (more) {
            GetConversationMembersResponse page = repo.conversations().getConversationMembers(GetConversationMembersRequest.newBuilder()
                    .setConversationId(event.getConversationId()).setAfterUserId(cursor).setLimit(config.getPageSize()).build());
            if (page.getUserIdsCount() == 0) {
                break;
            }
            more = page.getHasMore();
            cursor = page.getUserIds(page.getUserIdsCount() - 1);
            List<Presence> presences = repo.onlineStatus().getUsersOnlineStatus(GetUsersOnlineStatusRequest.newBuilder()
                    .addAllUserIds(page.getUserIdsList()).build()).getPresencesList();
            Map<String, List<DeliveryTarget>> byGateway = new LinkedHashMap<>();
            for (Presence p : presences) {
                if (p.getOnline()) {
                    for (String gw : new LinkedHashSet<>(p.getGatewayIdsList())) {
                        byGateway.computeIfAbsent(gw, g -> new ArrayList<>()).add(DeliveryTarget.newBuilder().setUserId(p.getUserId()).build());
                    }
                }
            }
            for (Map.Entry<String, List<DeliveryTarget>> e : byGateway.entrySet()) {
                DownstreamDelivery d = DownstreamDelivery.newBuilder().setTraceId(traceId).setGatewayId(e.getKey())
                        .addAllTargets(e.getValue()).setMessageMasked(event).setCreatedAt(System.currentTimeMillis()).build();
                acks.add(publisher.send(Topics.downstream(e.getKey()), event.getConversationId(), d.toByteArray()));
                targets += e.getValue().size();
            }
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        return targets;
    }
}
