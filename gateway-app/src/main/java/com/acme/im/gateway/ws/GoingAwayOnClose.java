package com.acme.im.gateway.ws;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;

/**
 * 服务端关闭 WebSocket 通道而还没发过关闭帧时，先补发关闭码 1001（going away）再关。
 * 为什么：Micronaut 停机时直接关通道——优雅停机里的连接收尾、HTTP 服务器停止时关闭全部 WebSocket 会话——
 * 客户端只看到 1006（异常断开），分不清是网关下线还是网络故障。发过关闭帧的正常关闭（4000、4001、1001 等）原样放行。
 * 装在 WebSocket 帧编码器之后：能看到上层写出的关闭帧，也能拦到上层处理器发起的 close。每个通道一个实例，只在其事件循环上使用。
 */
final class GoingAwayOnClose extends ChannelDuplexHandler {

    static final String NAME = "im-going-away";

    private boolean closeFrameSent;

    /** 握手完成后装到该连接的管道上；找不到帧编码器（非 Netty 通道或已关闭）时什么也不做。 */
    static void install(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        var encoder = pipeline.context(WebSocketFrameEncoder.class);
        if (encoder != null && pipeline.get(NAME) == null) {
            pipeline.addAfter(encoder.name(), NAME, new GoingAwayOnClose());
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof CloseWebSocketFrame) {
            closeFrameSent = true;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (closeFrameSent || !ctx.channel().isActive()) {
            ctx.close(promise);
            return;
        }
        closeFrameSent = true;
        ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketDrainer.CLOSE_GOING_AWAY, "server shutting down"))
                .addListener(f -> ctx.close(promise));
    }
}
