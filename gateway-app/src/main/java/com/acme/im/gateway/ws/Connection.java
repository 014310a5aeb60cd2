package com.acme.im.gateway.ws;

import com.acme.im.gateway.auth.AuthenticatedUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.websocket.CloseReason;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.micronaut.websocket.WebSocketSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * 一个 WebSocket 连接：所属用户、令牌族、最后活动时间与串行执行道。
 * 发送一律异步（sendAsync），调用方（包括 Kafka 消费线程）从不因慢客户端而阻塞。
 */
public final class Connection {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final String id;
    private final AuthenticatedUser user;
    private final WebSocketSession session;
    @Nullable
    private final Channel channel;
    private final SerialLane lane;
    private volatile long lastActivityMillis;

    public Connection(String id, AuthenticatedUser user, WebSocketSession session, SerialLane lane, long nowMillis) {
        this(id, user, session, null, lane, nowMillis);
    }

    /**
     * @param channel 该连接的 Netty 通道；给出时下行帧直接写通道、批量 flush，否则退回 session.sendAsync
     */
    public Connection(String id, AuthenticatedUser user, WebSocketSession session, @Nullable Channel channel, SerialLane lane,
                      long nowMillis) {
        this.id = id;
        this.channel = channel;
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

    /**
     * 一次发出多帧（UTF-8 编码的 JSON 文本）：切到通道的事件循环后逐帧 write、最后 flush 一次，
     * 避免每帧一次事件循环任务与一次系统调用。连接已关闭时静默丢弃（客户端重连后按 seq 补拉）。
     */
    public void sendAll(List<OutboundFrame> frames) {
        if (channel == null) {
            for (OutboundFrame f : frames) {
                send(f.text());
            }
            return;
        }
        if (!channel.isActive()) {
            return;
        }
        channel.eventLoop().execute(() -> {
            if (!channel.isActive()) {
                return;
            }
            for (OutboundFrame f : frames) {
                channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(f.utf8())), channel.voidPromise());
            }
            channel.flush();
        });
    }

    /** 底层通道关闭时完成；没有通道（测试替身）时立即完成。 */
    public CompletionStage<Void> closeFuture() {
        if (channel == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        channel.closeFuture().addListener(f -> done.complete(null));
        return done;
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
