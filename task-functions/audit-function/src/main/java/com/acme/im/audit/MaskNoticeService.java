package com.acme.im.audit;

import com.acme.im.proto.event.v1.DeliveryTarget;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.MessageMaskedEvent;
import com.acme.im.proto.repo.v1.GetConversationMembersRequest;
import com.acme.im.proto.repo.v1.GetConversationMembersResponse;
import com.acme.im.proto.repo.v1.GetUsersOnlineStatusRequest;
import com.acme.im.runtime.delivery.DeliveryBatch;
import com.acme.im.runtime.delivery.DeliveryPublisher;
import com.acme.im.runtime.delivery.GatewayRouting;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * 把"消息已遮蔽"通知发给会话的在线成员：分批取参与者、批量查在线，每批经共用的 DeliveryPublisher
 * 按网关归并发布（每网关每批一条 DownstreamBatch 记录），全部确认后返回。
 * 离线成员之后拉历史时拿到的已是遮蔽内容（repo 已更新），无需推送。
 */
@Singleton
public class MaskNoticeService {

    private final RepoClients repo;
    private final DeliveryPublisher publisher;
    private final AuditConfiguration config;

    public MaskNoticeService(RepoClients repo, DeliveryPublisher publisher, AuditConfiguration config) {
        this.repo = repo;
        this.publisher = publisher;
        this.config = config;
    }

    /**
     * 通知并等待全部下行记录确认；返回目标数。追踪 ID 由发布者取自当前作用域（分发器按任务打开）。
     */
    public int notifyOnlineMembers(MessageMaskedEvent event) throws Exception {
        DownstreamDelivery template = DownstreamDelivery.newBuilder().setMessageMasked(event).build();
        List<CompletableFuture<Void>> acks = new ArrayList<>();
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
            Map<String, List<DeliveryTarget>> byGateway = GatewayRouting.byGateway(repo.onlineStatus().getUsersOnlineStatus(GetUsersOnlineStatusRequest.newBuilder()
                    .addAllUserIds(page.getUserIdsList()).build()).getPresencesList(), 0, null);
            DeliveryBatch batch = new DeliveryBatch().add(byGateway, template);
            if (!batch.isEmpty()) {
                acks.add(publisher.publish(event.getConversationId(), batch));
                targets += byGateway.values().stream().mapToInt(List::size).sum();
            }
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                .get(config.getSendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return targets;
    }
}
