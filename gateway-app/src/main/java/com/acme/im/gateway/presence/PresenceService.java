package com.acme.im.gateway.presence;

import com.acme.im.gateway.GatewayIdentity;
import com.acme.im.gateway.rpc.Deadlines;
import com.acme.im.gateway.ws.ConnectionRegistry;
import com.acme.im.proto.logic.v1.PresenceServiceGrpc;
import com.acme.im.proto.logic.v1.ReportConnectionRequest;
import com.acme.im.proto.repo.v1.OnlineStatusServiceGrpc;
import com.acme.im.gateway.ws.Connection;
import com.acme.im.proto.repo.v1.GatewayConnection;
import com.acme.im.proto.repo.v1.RefreshGatewayRequest;
import com.acme.im.proto.repo.v1.RefreshGatewayResponse;
import com.acme.im.runtime.trace.TraceContext;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * 在线状态上报：连接建立/断开告诉 logic（由它更新 repo 并通知好友），
 * 并定期向 repo 续期本网关的全部在线用户；网关宕机后续期停止，repo 中的条目按 TTL 过期。
 * 上报失败只记日志：在线状态是尽力而为，不能因此拒绝用户连接。
 */
@Singleton
public class PresenceService {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceService.class);

    private final PresenceServiceGrpc.PresenceServiceBlockingStub presence;
    private final OnlineStatusServiceGrpc.OnlineStatusServiceBlockingStub onlineStatus;
    private final ConnectionRegistry registry;
    private final GatewayIdentity identity;
    private final Deadlines deadlines;

    public PresenceService(PresenceServiceGrpc.PresenceServiceBlockingStub presence,
                           OnlineStatusServiceGrpc.OnlineStatusServiceBlockingStub onlineStatus,
                           ConnectionRegistry registry, GatewayIdentity identity, Deadlines deadlines) {
        this.presence = presence;
        this.onlineStatus = onlineStatus;
        this.registry = registry;
        this.identity = identity;
        this.deadlines = deadlines;
    }

    /** 报告连接上线（阻塞调用，须在工作线程上执行）。 */
    public void reportConnected(long userId, String connectionId) {
        try {
            deadlines.logic(presence).reportConnected(request(userId, connectionId));
        } catch (RuntimeException e) {
            LOG.warn("ReportConnected failed for user {} connection {}: {}", userId, connectionId, e.toString());
        }
    }

    /** 报告连接下线（阻塞调用，须在工作线程上执行）。 */
    public void reportDisconnected(long userId, String connectionId) {
        try {
            deadlines.logic(presence).reportDisconnected(request(userId, connectionId));
        } catch (RuntimeException e) {
            LOG.warn("ReportDisconnected failed for user {} connection {}: {}", userId, connectionId, e.toString());
        }
    }

    /**
     * 周期续期：报上本网关持有的全部连接，repo 逐个写回并续期。所以 Redis 丢失数据（无持久化重启、
     * 切到空副本）后，最多一个周期（默认 10 秒）在线状态就完整重建，实时投递随之恢复。
     */
    @Scheduled(fixedDelay = "${im.gateway.presence-refresh-interval:10s}",
            initialDelay = "${im.gateway.presence-refresh-interval:10s}")
    void refresh() {
        List<Connection> connections = registry.all();
        RefreshGatewayRequest.Builder request = RefreshGatewayRequest.newBuilder().setGatewayId(identity.id());
        for (Connection c : connections) {
            request.addConnections(GatewayConnection.newBuilder().setUserId(c.userId()).setConnectionId(c.id()));
        }
        try (TraceContext.Scope ignored = TraceContext.open(null)) {
            RefreshGatewayResponse r = deadlines.repo(onlineStatus).refreshGateway(request.build());
            if (r.getRestored() > 0) {
                LOG.warn("presence of {} connections was missing in repo (Redis lost its data?) and was restored", r.getRestored());
            }
            LOG.debug("refreshed presence of {} connections", connections.size());
        } catch (RuntimeException e) {
            LOG.warn("RefreshGateway failed ({} connections): {}", connections.size(), e.toString());
        }
    }

    private ReportConnectionRequest request(long userId, String connectionId) {
        return ReportConnectionRequest.newBuilder()
                .setUserId(userId).setGatewayId(identity.id()).setConnectionId(connectionId).build();
    }
}
