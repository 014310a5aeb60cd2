package com.acme.im.gateway.ws;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * 重发抑制（前缀 im.gateway.resend）：客户端按协议每 3 秒重发未确认的消息；logic 故障恢复期间积压的消息
 * 会被成倍重发，拖慢恢复。已写入上行 Topic、尚未收到 ack 的 client_msg_id 在窗口内再次到达时不再写入
 * （Kafka 已确认持有它，logic 恢复后一定会处理并回 ack）。
 *
 * @param suppressionWindow 同一连接上同一 client_msg_id 写入上行后多久内的重发被忽略，默认 30 秒；0 关闭
 * @param maxPerConnection  每个连接记住的在途 client_msg_id 上限，超出时最早的先忘，默认 1000
 */
@ConfigurationProperties("im.gateway.resend")
public record ResendConfiguration(@Bindable(defaultValue = "30s") Duration suppressionWindow,
                                  @Bindable(defaultValue = "1000") int maxPerConnection) {
}
