package com.acme.im.bench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * 非阻塞 WebSocket 客户端：所有连接共用一个 Netty 事件循环组，2 核机器上也能保持数万条连接。
 * 令牌放在 Authorization 头里（与原生客户端一致）；可指定本地源地址，突破单个源 IP 约 2.8 万个临时端口的限制。
 */
public final class WsClient implements AutoCloseable {

    private static final int MAX_FRAME = 1 << 20;

    private final URI uri;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;

    /**
     * @param wsUri   例如 ws://127.0.0.1:8080/ws
     * @param threads 事件循环线程数
     */
    public WsClient(URI wsUri, int threads) {
        this.uri = wsUri;
        this.group = new NioEventLoopGroup(threads);
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                // 小缓冲：空闲连接多时客户端自身内存不成为瓶颈
                .option(ChannelOption.SO_RCVBUF, 32 * 1024)
                .option(ChannelOption.SO_SNDBUF, 32 * 1024);
    }

    public EventLoopGroup group() {
        return group;
    }

    /**
     * 建立连接并完成握手。握手被拒（如 401）或网络失败时 future 以异常结束。
     *
     * @param token        访问令牌
     * @param localAddress 源地址（null 表示由系统选择）
     * @param index        设备编号
     * @param listener     收帧回调
     */
    public CompletableFuture<WsConnection> connect(String token, InetAddress localAddress, int index, FrameListener listener) {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        headers.add(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
        return connect(uri, headers, localAddress, index, listener);
    }

    /**
     * 与 {@link #connect} 相同，但令牌放在查询参数 {@code ?token=} 里：浏览器的 WebSocket API 不能设请求头，
     * 只能这样传（docs/websocket-protocol.md），故障注入套件按这种客户端行事。
     */
    public CompletableFuture<WsConnection> connectWithQueryToken(String token, int index, FrameListener listener) {
        URI withToken = URI.create(uri + (uri.getRawQuery() == null ? "?" : "&") + "token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
        return connect(withToken, new DefaultHttpHeaders(), null, index, listener);
    }

    private CompletableFuture<WsConnection> connect(URI target, DefaultHttpHeaders headers, InetAddress localAddress,
                                                    int index, FrameListener listener) {
        CompletableFuture<WsConnection> result = new CompletableFuture<>();
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
                target, WebSocketVersion.V13, null, true, headers, MAX_FRAME);
        InetSocketAddress remote = new InetSocketAddress(uri.getHost(), uri.getPort());
        Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_FRAME),
                        new WebSocketFrameAggregator(MAX_FRAME), new Handler(handshaker, index, listener, result));
            }
        });
        ChannelFuture f = localAddress == null ? b.connect(remote) : b.connect(remote, new InetSocketAddress(localAddress, 0));
        f.addListener(done -> {
            if (!done.isSuccess()) {
                result.completeExceptionally(done.cause());
                return;
            }
            // TCP 连上但服务端迟迟不完成升级（例如其文件描述符耗尽、accept 失败）时，不能无限等待
            f.channel().eventLoop().schedule(() -> {
                if (result.completeExceptionally(new IllegalStateException("no upgrade response within 15 s"))) {
                    f.channel().close();
                }
            }, 15, TimeUnit.SECONDS);
        });
        return result;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** 握手、收帧、应答控制帧。 */
    private static final class Handler extends SimpleChannelInboundHandler<Object> {
        private final WebSocketClientHandshaker handshaker;
        private final int index;
        private final FrameListener listener;
        private final CompletableFuture<WsConnection> handshake;
        private WsConnection connection;
        private int closeCode = -1;

        Handler(WebSocketClientHandshaker handshaker, int index, FrameListener listener, CompletableFuture<WsConnection> handshake) {
            this.handshaker = handshaker;
            this.index = index;
            this.listener = listener;
            this.handshake = handshake;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            handshaker.handshake(ctx.channel());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            Channel ch = ctx.channel();
            if (!handshaker.isHandshakeComplete()) {
                if (msg instanceof FullHttpResponse response) {
                    try {
                        handshaker.finishHandshake(ch, response);
                        connection = new WsConnection(ch, index);
                        handshake.complete(connection);
                    } catch (RuntimeException e) {
                        handshake.completeExceptionally(new IllegalStateException(
                                "upgrade refused: HTTP " + response.status().code() + " " + response.content().toString(
                                        java.nio.charset.StandardCharsets.UTF_8), e));
                        ch.close();
                    }
                }
                return;
            }
            if (msg instanceof TextWebSocketFrame text) {
                listener.onText(connection, text.text());
            } else if (msg instanceof PingWebSocketFrame ping) {
                ch.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            } else if (msg instanceof CloseWebSocketFrame close) {
                closeCode = close.statusCode();
                ch.close();
            } else if (msg instanceof WebSocketFrame) {
                // 二进制帧与 pong：协议里没有，忽略
                return;
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!handshake.isDone()) {
                handshake.completeExceptionally(new IllegalStateException("connection closed during upgrade"));
            }
            if (connection != null) {
                connection.markClosed(closeCode);
                listener.onClose(connection, closeCode);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!handshake.isDone()) {
                handshake.completeExceptionally(cause);
            }
            ctx.close();
        }
    }
}
