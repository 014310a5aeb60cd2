package com.acme.im.gateway.ws;

import java.nio.charset.StandardCharsets;

/**
 * 一帧待发的 JSON 文本，连同它的 UTF-8 字节：序列化与编码各只做一次，发给多少个连接都共用。
 *
 * @param text JSON 文本
 * @param utf8 其 UTF-8 编码（直接写 Netty 通道时用）
 */
public record OutboundFrame(String text, byte[] utf8) {

    public static OutboundFrame of(String text) {
        return new OutboundFrame(text, text.getBytes(StandardCharsets.UTF_8));
    }
}
