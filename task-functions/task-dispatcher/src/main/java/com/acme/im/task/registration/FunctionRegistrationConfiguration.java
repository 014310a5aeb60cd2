package com.acme.im.task.registration;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * 函数实例在 etcd 的登记配置。
 */
@ConfigurationProperties("im.task.registration")
public class FunctionRegistrationConfiguration {

    /** 是否登记，默认开启。 */
    private boolean enabled = true;
    /** etcd 地址，默认本机 2379。 */
    private List<String> endpoints = List.of("http://127.0.0.1:2379");
    /** 键前缀，完整键为 {prefix}/{function}/{instanceId}。 */
    private String prefix = "/im/functions";
    /** 租约 TTL，默认 10 秒；实例消失后最多这么久键被删除。 */
    private Duration ttl = Duration.ofSeconds(10);
    /** 租约丢失后重新登记前的等待，默认 2 秒。 */
    private Duration retryDelay = Duration.ofSeconds(2);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(List<String> endpoints) {
        this.endpoints = endpoints;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public Duration getTtl() {
        return ttl;
    }

    public void setTtl(Duration ttl) {
        this.ttl = ttl;
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
    }
}
