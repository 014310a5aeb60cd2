package com.acme.im.logic.presence;

import com.acme.im.logic.LogicConfiguration;
import com.acme.im.runtime.delivery.DeliveryPublisher;
import com.acme.im.runtime.delivery.GatewayRouting;
import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.OnlineStatusEvent;
import com.acme.im.proto.repo.v1.GetSinglePeersRequest;
import com.acme.im.runtime.trace.TraceContext;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * 用户首个连接上线、最后一个连接下线时，通知其单聊对象中在线的人（按网关归并）。
 * 在独立线程池中异步执行，网关的 ReportConnected 调用因此不被扫描会话列表拖慢。
 */
@Singleton
public class OnlineStatusPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(OnlineStatusPublisher.class);

    private final RepoClients repo;
    private final PresenceQueryService presence;
    private final DeliveryPublisher deliveries;
    private final int scanLimit;
    private final ExecutorService executor = new ThreadPoolExecutor(2, 4, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), r -> {
                Thread t = new Thread(r, "online-status");
                t.setDaemon(true);
                return t;
            });

    public OnlineStatusPublisher(RepoClients repo, PresenceQueryService presence, DeliveryPublisher deliveries,
                                 LogicConfiguration configuration) {
        this.repo = repo;
        this.presence = presence;
        this.deliveries = deliveries;
        this.scanLimit = configuration.getPresenceScanLimit();
    }

    /** 异步通知；队列满时丢弃并记日志（在线提示是尽力而为，客户端可随时用 GetPresence 拉取）。 */
    public void publishAsync(long userId, boolean online) {
        String traceId = TraceContext.currentOrNew();
        long timestamp = System.currentTimeMillis();
        try {
            executor.execute(() -> {
                try (TraceContext.Scope ignored = TraceContext.open(traceId)) {
                    publish(userId, online, timestamp);
                } catch (RuntimeException e) {
                    LOG.warn("online status of user {} not published: {}", userId, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("online status queue full, dropping event for user {}", userId);
        }
    }

    /** 同步发布，返回被通知的对象数。 */
    int publish(long userId, boolean online, long timestamp) {
        Set<Long> peers = singlePeers(userId);
        if (peers.isEmpty()) {
            return 0;
        }
        DownstreamDelivery event = DownstreamDelivery.newBuilder()
                .setOnlineStatus(OnlineStatusEvent.newBuilder().setUserId(userId).setOnline(online).setTimestamp(timestamp))
                .build();
        var byGateway = GatewayRouting.byGateway(presence.lookup(peers), GatewayRouting::allConnections);
        deliveries.publish(Long.toString(userId), byGateway, event).join();
        return byGateway.values().stream().mapToInt(java.util.List::size).sum();
    }

    /** 单聊对方：一次只读会话 ID 的查询（曾按页取完整会话列表，每页还要查群资料与最后一条消息）。 */
    private Set<Long> singlePeers(long userId) {
        return new LinkedHashSet<>(repo.conversations().getSinglePeers(GetSinglePeersRequest.newBuilder()
                .setUserId(userId).setLimit(scanLimit).build()).getPeerUserIdsList());
    }

    @PreDestroy
    void close() {
        executor.shutdown();
    }
}
