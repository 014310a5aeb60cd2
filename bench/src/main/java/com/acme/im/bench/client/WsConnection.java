package com.acme.im.bench.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.util.concurrent.CompletableFuture;

/**
 * 一条已完成握手的 WebSocket 连接。index 是负载内的设备编号（投递账本用它区分接收方）。
 */
public final class WsConnection {

    private final Channel channel;
    private final int index;
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    WsConnection(Channel channel, int index) {
        this.channel = channel;
        this.index = index;
    }

    public int index() {
        return index;
    }

    public boolean isOpen() {
        return channel.isActive() && !closed.isDone();
    }

    /** 异步写出一个文本帧（任何线程都可调用，Netty 负责切到事件循环）。 */
    public ChannelFuture send(String text) {
        return channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    /** 在连接所属事件循环上执行（心跳定时用）。 */
    public Channel channel() {
        return channel;
    }

    /** 关闭码：正常关闭后为服务端关闭码，网络断开为 -1。 */
    public CompletableFuture<Integer> closedFuture() {
        return closed;
    }

    void markClosed(int code) {
        closed.complete(code);
    }

    /** 发送关闭帧后断开。 */
    public void close() {
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(1000, "bye")).addListener(f -> channel.close());
        }
    }
}
