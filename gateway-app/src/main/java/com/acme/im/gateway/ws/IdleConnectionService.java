package com.acme.im.gateway.ws;

import com.acme.im.gateway.GatewayConfiguration;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 心跳超时：客户端在 im.gateway.idle-timeout 内没有发送任何帧（ping 也算）就关闭连接，
 * 以释放半开连接并让在线状态及时变为离线。
 */
@Singleton
public class IdleConnectionService {

    /** 空闲关闭使用的关闭码。 */
    public static final int CLOSE_IDLE = 4000;

    private static final Logger LOG = LoggerFactory.getLogger(IdleConnectionService.class);

    private final ConnectionRegistry registry;
    private final long idleTimeoutMillis;

    public IdleConnectionService(ConnectionRegistry registry, GatewayConfiguration configuration) {
        this.registry = registry;
        this.idleTimeoutMillis = configuration.getIdleTimeout().toMillis();
    }

    @Scheduled(fixedDelay = "${im.gateway.idle-check-interval:10s}")
    void sweep() {
        closeIdle(System.currentTimeMillis());
    }

    /** 关闭截至 now 已空闲超时的连接，返回关闭数。 */
    int closeIdle(long now) {
        int closed = 0;
        for (Connection c : registry.all()) {
            if (now - c.lastActivityMillis() > idleTimeoutMillis) {
                c.close(CLOSE_IDLE, "idle timeout");
                closed++;
            }
        }
        if (closed > 0) {
            LOG.info("closed {} idle connections", closed);
        }
        return closed;
    }
}
