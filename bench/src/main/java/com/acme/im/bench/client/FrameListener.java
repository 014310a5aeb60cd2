package com.acme.im.bench.client;

/**
 * WebSocket 连接收到的文本帧与关闭事件的回调；在 Netty 事件循环线程上调用，不能阻塞。
 */
public interface FrameListener {

    /** 一个完整的文本帧。 */
    void onText(WsConnection connection, String text);

    /** 连接关闭；closeCode 为服务端关闭码，网络断开时为 -1。 */
    default void onClose(WsConnection connection, int closeCode) {
    }
}
