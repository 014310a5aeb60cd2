package com.acme.im.gateway.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageSizeLimitTest {

    private static EmbeddedChannel channel(int max) {
        // 通道里只有帧解码器时，装在它之后
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocket13FrameDecoder(true, true, 65536));
        MessageSizeLimit.install(ch, max);
        assertNotNull(ch.pipeline().get(MessageSizeLimit.NAME));
        return ch;
    }

    private static WebSocketFrame continuation(boolean last, int bytes) {
        return new ContinuationWebSocketFrame(last, 0, Unpooled.wrappedBuffer(new byte[bytes]));
    }

    @Test
    void messagesWithinTheLimitPassUnchanged() {
        EmbeddedChannel ch = channel(100);
        ch.pipeline().fireChannelRead(new TextWebSocketFrame(false, 0, "x".repeat(50)));
        ch.pipeline().fireChannelRead(continuation(true, 50));
        ch.pipeline().fireChannelRead(new TextWebSocketFrame("y".repeat(100)));
        ch.pipeline().fireChannelRead(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[100])));
        int passed = 0;
        WebSocketFrame f;
        while ((f = ch.readInbound()) != null) {
            passed++;
            f.release();
        }
        assertEquals(4, passed);
        assertNull(ch.readOutbound(), "nothing written back");
        assertTrue(ch.isOpen());
    }

    @Test
    void fragmentsAddingUpAboveTheLimitCloseWith1009() {
        EmbeddedChannel ch = channel(100);
        ch.pipeline().fireChannelRead(new TextWebSocketFrame(false, 0, "x".repeat(60)));
        ch.pipeline().fireChannelRead(continuation(false, 30));
        // 第三个分片使总长到 120：不再交给上层，回 1009 并关闭（关闭后通道不再读入）
        ch.pipeline().fireChannelRead(continuation(false, 30));
        WebSocketFrame first = ch.readInbound();
        WebSocketFrame second = ch.readInbound();
        assertNotNull(first);
        assertNotNull(second);
        first.release();
        second.release();
        assertNull(ch.readInbound());
        CloseWebSocketFrame close = ch.readOutbound();
        assertEquals(1009, close.statusCode());
        close.release();
        assertFalse(ch.isOpen());
    }
}
