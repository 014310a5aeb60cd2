package com.acme.im.logic.presence;

import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.common.v1.Presence;
import com.acme.im.proto.repo.v1.SetUserOfflineRequest;
import com.acme.im.proto.repo.v1.SetUserOnlineRequest;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import com.acme.im.logic.contact.RelationService;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;

/**
 * 在线状态：网关报告连接变化，logic 记录到 repo，并在用户整体上线/下线时通知单聊对象。
 */
@Singleton
public class PresenceService {

    /** 一次查询的联系人上限。 */
    static final int MAX_QUERY = 500;

    private final RepoClients repo;
    private final PresenceQueryService query;
    private final OnlineStatusPublisher publisher;
    private final RelationService relations;

    public PresenceService(RepoClients repo, PresenceQueryService query, OnlineStatusPublisher publisher,
                           RelationService relations) {
        this.relations = relations;
        this.repo = repo;
        this.query = query;
        this.publisher = publisher;
    }

    /** 记录一个连接上线；是该用户的第一个连接时广播上线。返回用户整体是否在线（总为 true）。 */
    public boolean connected(long userId, String gatewayId, String connectionId) {
        checkConnection(userId, gatewayId, connectionId);
        boolean first = repo.onlineStatus().setUserOnline(SetUserOnlineRequest.newBuilder()
                .setUserId(userId).setGatewayId(gatewayId).setConnectionId(connectionId).build()).getFirstConnection();
        if (first) {
            publisher.publishAsync(userId, true);
        }
        return true;
    }

    /** 记录一个连接下线；是最后一个连接时广播下线。返回用户整体是否仍在线。 */
    public boolean disconnected(long userId, String gatewayId, String connectionId) {
        checkConnection(userId, gatewayId, connectionId);
        boolean last = repo.onlineStatus().setUserOffline(SetUserOfflineRequest.newBuilder()
                .setUserId(userId).setGatewayId(gatewayId).setConnectionId(connectionId).build()).getLastConnection();
        if (last) {
            publisher.publishAsync(userId, false);
        }
        return !last;
    }

    /**
     * 批量查询联系人在线状态（最多 500 个），网关 ID 属于内部拓扑，不对客户端暴露。
     * 与调用者之间有拉黑关系（任一方向）的用户一律显示为离线。
     */
    public List<Presence> query(long viewerId, Collection<Long> userIds) {
        if (userIds.size() > MAX_QUERY) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "at most " + MAX_QUERY + " user ids per query");
        }
        return relations.hideBlocked(viewerId, query.lookup(userIds).stream()
                .map(p -> p.toBuilder().clearGatewayIds().build())
                .toList());
    }

    private static void checkConnection(long userId, String gatewayId, String connectionId) {
        if (userId <= 0 || gatewayId == null || gatewayId.isEmpty() || connectionId == null || connectionId.isEmpty()) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "user_id, gateway_id and connection_id are required");
        }
    }
}
