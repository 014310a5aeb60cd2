package com.acme.im.gateway.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class GoingAwayOnCloseTest {

    private static EmbeddedChannel webSocketChannel() {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
        GoingAwayOnClose.install(ch);
        assertNotNull(ch.pipeline().get(GoingAwayOnClose.NAME));
        return ch;
    }

    /** 把服务端写出的字节按客户端的方式解码成帧。 */
    private static List<Object> framesWritten(EmbeddedChannel server) {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(false, true, 65536));
        ByteBuf out;
        while ((out = server.readOutbound()) != null) {
            client.writeInbound(out);
        }
        List<Object> frames = new ArrayList<>();
        Object f;
        while ((f = client.readInbound()) != null) {
            frames.add(f);
        }
        return frames;
    }

    @Test
    void closingWithoutACloseFrameSends1001First() {
        EmbeddedChannel ch = webSocketChannel();
        ch.close();
        List<Object> frames = framesWritten(ch);
        assertEquals(1, frames.size());
        CloseWebSocketFrame close = (CloseWebSocketFrame) frames.get(0);
        assertEquals(1001, close.statusCode());
        close.release();
        assertFalse(ch.isOpen());
    }

    @Test
    void aCloseThatAlreadySentItsFrameIsLeftAlone() {
        EmbeddedChannel ch = webSocketChannel();
        ch.writeAndFlush(new CloseWebSocketFrame(4001, "session revoked"));
        ch.close();
        List<Object> frames = framesWritten(ch);
        assertEquals(1, frames.size(), "no second close frame");
        CloseWebSocketFrame close = (CloseWebSocketFrame) frames.get(0);
        assertEquals(4001, close.statusCode());
        close.release();
    }
}
