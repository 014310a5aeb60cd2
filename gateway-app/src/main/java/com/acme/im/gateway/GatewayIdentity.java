package com.acme.im.gateway;

import com.acme.im.runtime.kafka.Topics;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * 本网关实例的 ID 与下行 Topic：logic 按 ID 把投递写到对应 Topic，所以 ID 必须在集群内唯一且稳定。
 */
@Singleton
public class GatewayIdentity {

    private final String id;

    public GatewayIdentity(GatewayConfiguration configuration,
                           @Value("${micronaut.server.port:8080}") int httpPort) {
        String configured = configuration.getId();
        String raw = configured != null && !configured.isBlank()
                ? configured
                : "gw-" + hostname() + "-" + (httpPort > 0 ? String.valueOf(httpPort)
                        : Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL));
        this.id = sanitize(raw);
    }

    public String id() {
        return id;
    }

    /** 本网关消费的下行 Topic。 */
    public String downstreamTopic() {
        return Topics.downstream(id);
    }

    /** 本网关的消费组。 */
    public String consumerGroup() {
        return "gateway-" + id;
    }

    /** Topic 名只允许字母、数字、点、下划线、横线，其余字符替换掉，避免主机名带来非法字符。 */
    static String sanitize(String raw) {
        String s = raw.replaceAll("[^A-Za-z0-9._-]", "-");
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (Exception e) {
            // 主机名不可解析时退回 localhost，端口仍能区分同机实例
            return "localhost";
        }
    }
}
