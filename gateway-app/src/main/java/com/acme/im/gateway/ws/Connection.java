package com.acme.im.gateway.ws;

import com.acme.im.gateway.auth.AuthenticatedUser;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 一个 WebSocket 连接：所属用户、令牌族、最后活动时间与串行执行道。
 * 发送一律异步（sendAsync），调用方（包括 Kafka 消费线程）从不因慢客户端而阻塞。
 */
public final class Connection {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final String id;
    private final AuthenticatedUser user;
    private final WebSocketSession session;
    private final SerialLane lane;
    private volatile long lastActivityMillis;

    public Connection(String id, AuthenticatedUser user, WebSocketSession session, SerialLane lane, long nowMillis) {
        this.id = id;
        this.user = user;
        this.session = session;
        this.lane = lane;
        this.lastActivityMillis = nowMillis;
    }

    public String id() {
        return id;
    }

    public long userId() {
        return user.userId();
    }

    public String sessionId() {
        return user.sessionId();
    }

    public SerialLane lane() {
        return lane;
    }

    public long lastActivityMillis() {
        return lastActivityMillis;
    }

    /** 收到客户端任意帧时刷新。 */
    public void touch(long nowMillis) {
        lastActivityMillis = nowMillis;
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    /** 异步发送一帧；连接已关闭时静默丢弃（客户端重连后按 seq 补拉）。 */
    public void send(String frame) {
        if (!session.isOpen()) {
            return;
        }
        session.sendAsync(frame).whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.debug("send to connection {} failed: {}", id, error.toString());
            }
        });
    }

    /** 以给定关闭码关闭连接。 */
    public void close(int code, String reason) {
        try {
            session.close(new CloseReason(code, reason));
        } catch (RuntimeException e) {
            LOG.debug("closing connection {} failed: {}", id, e.toString());
        }
    }
}
