package com.acme.im.gateway.ws;

import io.micronaut.http.netty.websocket.AbstractNettyWebSocketHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.util.ReferenceCountUtil;

/**
 * 整条消息（含分片）的硬上限：超出即以关闭码 1009 关闭连接。
 * 为什么：@OnMessage 的 maxPayloadLength 只限制单个帧，Micronaut 把分片（continuation）帧拼起来时不限总长，
 * 客户端把一条超大消息拆成许多小帧就能绕过硬上限、让网关无限缓存。装在 Micronaut 的处理器之前，
 * 每个通道一个实例，只在其事件循环上使用；超限后该连接的后续帧一律丢弃。
 */
final class MessageSizeLimit extends ChannelInboundHandlerAdapter {

    static final String NAME = "im-message-size-limit";

    private final int maxBytes;
    private long current;
    private boolean closing;

    private MessageSizeLimit(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * 握手完成后装到该连接的管道上，紧挨 Micronaut 的 WebSocket 处理器之前（在可能的解压处理器之后，按解压后的长度计）；
     * 找不到它时退而装在帧解码器之后；都找不到（非 Netty 通道或已关闭）时什么也不做。
     */
    static void install(Channel channel, int maxBytes) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(NAME) != null) {
            return;
        }
        var handler = pipeline.context(AbstractNettyWebSocketHandler.class);
        if (handler != null) {
            pipeline.addBefore(handler.name(), NAME, new MessageSizeLimit(maxBytes));
            return;
        }
        var decoder = pipeline.context(WebSocketFrameDecoder.class);
        if (decoder != null) {
            pipeline.addAfter(decoder.name(), NAME, new MessageSizeLimit(maxBytes));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        boolean data = frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame;
        if (!data && !(frame instanceof ContinuationWebSocketFrame)) {
            // 控制帧（ping/pong/close）不计入消息长度
            if (closing) {
                ReferenceCountUtil.release(msg);
                return;
            }
            ctx.fireChannelRead(msg);
            return;
        }
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        current = (data ? 0 : current) + frame.content().readableBytes();
        if (current > maxBytes) {
            closing = true;
            ReferenceCountUtil.release(msg);
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG.code(),
                            "message exceeds " + maxBytes + " bytes"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (frame.isFinalFragment()) {
            current = 0;
        }
        ctx.fireChannelRead(msg);
    }
}
