package com.acme.im.gateway.ws;

import com.acme.im.gateway.GatewayConfiguration;
import com.acme.im.gateway.auth.AuthenticatedUser;
import com.acme.im.gateway.presence.PresenceService;
import com.acme.im.runtime.delivery.ConnectionIds;
import com.acme.im.runtime.error.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.channel.Channel;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnError;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * WebSocket 入口 /ws。升级请求先经过安全过滤器：没有有效令牌（Authorization 头或 token 查询参数）
 * 直接 401，不建立连接。这里的回调运行在事件循环上，只做登记与排队，真正的处理在连接的串行执行道上。
 */
@ServerWebSocket("/ws")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ChatWebSocket {

    /** 会话属性：本连接的 {@link Connection}。 */
    static final String CONNECTION = "im.connection";
    /** 内部状态异常时的关闭码（正常情况下不会出现）。 */
    static final int CLOSE_UNAUTHENTICATED = 4001;
    /** 同一用户的升级同时到达、越过设备上限时，多出的连接在建立后立即以此关闭（通常在升级时就以 429 拒绝）。 */
    public static final int CLOSE_TOO_MANY_DEVICES = 4002;
    /** 单条消息（单帧或分片合计）的硬上限：超出以关闭码 1009 关闭；软上限 im.gateway.max-frame-bytes 回 1006。 */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ChatWebSocket.class);

    private final ConnectionRegistry registry;
    private final ClientFrameProcessor processor;
    private final PresenceService presence;
    private final ServerFrames frames;
    private final ExecutorService executor;
    private final GatewayConfiguration configuration;
    private final ConnectionLimits limits;

    public ChatWebSocket(ConnectionRegistry registry, ClientFrameProcessor processor, PresenceService presence,
                         ServerFrames frames, @Named(TaskExecutors.BLOCKING) ExecutorService executor,
                         GatewayConfiguration configuration, ConnectionLimits limits, MeterRegistry meters) {
        this.registry = registry;
        this.processor = processor;
        this.presence = presence;
        this.frames = frames;
        this.executor = executor;
        this.configuration = configuration;
        this.limits = limits;
        meters.gauge("im.gateway.ws.connections", registry, ConnectionRegistry::size);
        meters.gauge("im.gateway.ws.max_connections", limits, ConnectionLimits::maxConnections);
    }

    @OnOpen
    public void onOpen(WebSocketSession session, HttpRequest<?> request) {
        Optional<Authentication> authentication = request.getUserPrincipal(Authentication.class);
        if (authentication.isEmpty()) {
            session.close(new CloseReason(CLOSE_UNAUTHENTICATED, "unauthenticated"));
            return;
        }
        AuthenticatedUser user = AuthenticatedUser.of(authentication.get());
        // 升级后的 WebSocket 与升级请求共用同一 Netty 通道：下行帧直接写它，以便批量 flush
        Channel channel = request instanceof NettyHttpRequest<?> netty ? netty.getChannelHandlerContext().channel() : null;
        if (channel != null) {
            // 服务端不发关闭帧就关通道（停机）时补发 1001，客户端据此立即换网关重连
            GoingAwayOnClose.install(channel);
            // 分片消息的总长也受硬上限约束（框架只限单帧）
            MessageSizeLimit.install(channel, MAX_MESSAGE_BYTES);
        }
        // 连接 ID 带令牌族 ID：“我的设备”据此从在线状态看出哪个会话在哪个网关上在线
        Connection connection = new Connection(ConnectionIds.newId(user.sessionId()), user, session, channel,
                new SerialLane(executor, configuration.getMaxPendingFrames()), System.currentTimeMillis());
        if (!registry.tryRegister(connection, limits.maxConnectionsPerUser())) {
            session.close(new CloseReason(CLOSE_TOO_MANY_DEVICES, "too many devices"));
            return;
        }
        session.put(CONNECTION, connection);
        // 上线报告排在该连接所有帧之前，下线报告排在最后，两者不会颠倒
        connection.lane().submit(() -> presence.reportConnected(connection.userId(), connection.id()));
        LOG.debug("connection {} opened for user {}", connection.id(), connection.userId());
    }

    // 以纯文本接收：默认的 JSON 读取器会在框架层丢弃非法 JSON，客户端就收不到 1001 错误帧
    @OnMessage(maxPayloadLength = MAX_MESSAGE_BYTES)
    @Consumes(MediaType.TEXT_PLAIN)
    public void onMessage(String text, WebSocketSession session) {
        Connection connection = session.get(CONNECTION, Connection.class).orElse(null);
        if (connection == null) {
            return;
        }
        connection.touch(System.currentTimeMillis());
        if (!connection.lane().submit(() -> processor.process(connection, text))) {
            connection.send(frames.error(ErrorCode.RATE_LIMITED, "too many frames pending, slow down", null, null));
        }
    }

    @OnClose
    public void onClose(WebSocketSession session, CloseReason reason) {
        Connection connection = session.get(CONNECTION, Connection.class).orElse(null);
        if (connection == null) {
            return;
        }
        // 发送令牌桶不随最后一个连接释放：保留到回满，重连拿不回突发量（见 SendRateLimiter）
        registry.unregister(connection);
        // 下线报告必须送达，不受积压上限影响：直接挂在执行道末尾
        if (!connection.lane().submit(() -> presence.reportDisconnected(connection.userId(), connection.id()))) {
            executor.execute(() -> presence.reportDisconnected(connection.userId(), connection.id()));
        }
        LOG.debug("connection {} closed: {}", connection.id(), reason);
    }

    @OnError
    public void onError(WebSocketSession session, Throwable error) {
        // 传输层错误（对端重置等）：记录即可，关闭流程由框架触发 onClose
        LOG.debug("websocket error on session {}: {}", session.getId(), error.toString());
    }
}
