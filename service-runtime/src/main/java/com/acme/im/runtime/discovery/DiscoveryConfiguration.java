package com.acme.im.runtime.discovery;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * etcd 服务发现配置（前缀 {@code im.discovery}）。
 *
 * <p>默认值：
 * <ul>
 *   <li>{@code enabled}：true；单元测试可设为 false 关闭全部发现相关 bean</li>
 *   <li>{@code endpoints}：环境变量 {@code IM_ETCD_ENDPOINTS}（逗号分隔），否则 {@code http://127.0.0.1:2379}</li>
 *   <li>{@code prefix}：{@code /im/services}，本实例注册用；任务函数改为 {@code /im/functions}</li>
 *   <li>{@code lookup-prefix}：{@code /im/services}，名字解析与 DiscoveryClient 查找用，与注册前缀分开，
 *       这样注册在 {@code /im/functions} 下的函数仍能解析 {@code etcd:///repo-app}</li>
 *   <li>{@code lease-ttl}：10 秒；实例被强杀后最多这么久从解析结果中消失</li>
 *   <li>{@code host}：127.0.0.1，写进注册项供别人连接</li>
 *   <li>{@code metadata}：空；任务函数在此放任务类型</li>
 *   <li>{@code instance-id}：启动时随机 UUID</li>
 *   <li>{@code service-id}：空时取 {@code micronaut.application.name}</li>
 *   <li>{@code register}：true；为 false 时只解析不注册</li>
 *   <li>{@code register-without-server}：false；为 true 时在 StartupEvent 就注册（无 HTTP/gRPC 服务器的应用）</li>
 *   <li>{@code request-timeout}：3 秒，单次 etcd 请求的超时</li>
 *   <li>{@code max-retry-delay}：5 秒，租约丢失后重新注册、监听断开后重新监听的最大退避</li>
 *   <li>{@code resync-interval}：30 秒，解析器定期全量重读，兜底 etcd 换数据目录后旧版本号的监听收不到事件</li>
 * </ul>
 */
@ConfigurationProperties(DiscoveryConfiguration.PREFIX)
public class DiscoveryConfiguration {

    public static final String PREFIX = "im.discovery";
    public static final String ENABLED = PREFIX + ".enabled";
    public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:2379";
    public static final String DEFAULT_PREFIX = "/im/services";

    private boolean enabled = true;
    private List<String> endpoints = defaultEndpoints();
    private String prefix = DEFAULT_PREFIX;
    private String lookupPrefix = DEFAULT_PREFIX;
    private long leaseTtl = 10;
    private String host = "127.0.0.1";
    private Map<String, String> metadata = new LinkedHashMap<>();
    private String instanceId = UUID.randomUUID().toString();
    private String serviceId;
    private boolean register = true;
    private boolean registerWithoutServer = false;
    private Duration requestTimeout = Duration.ofSeconds(3);
    private Duration maxRetryDelay = Duration.ofSeconds(5);
    private Duration resyncInterval = Duration.ofSeconds(30);

    // 环境变量优先于内置默认值，部署时无需改配置文件
    private static List<String> defaultEndpoints() {
        String env = System.getenv("IM_ETCD_ENDPOINTS");
        if (env == null || env.isBlank()) {
            return new ArrayList<>(List.of(DEFAULT_ENDPOINT));
        }
        return new ArrayList<>(Arrays.stream(env.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

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
        this.prefix = ServiceEntryCodec.normalizePrefix(prefix);
    }

    public String getLookupPrefix() {
        return lookupPrefix;
    }

    public void setLookupPrefix(String lookupPrefix) {
        this.lookupPrefix = ServiceEntryCodec.normalizePrefix(lookupPrefix);
    }

    public long getLeaseTtl() {
        return leaseTtl;
    }

    public void setLeaseTtl(long leaseTtl) {
        // etcd 的最小 TTL 约为选举超时，小于 2 秒没有意义
        this.leaseTtl = Math.max(2, leaseTtl);
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Map<String, String> getMetadata() {
        return metadata;
    }

    public void setMetadata(Map<String, String> metadata) {
        this.metadata = metadata == null ? new LinkedHashMap<>() : new LinkedHashMap<>(metadata);
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    @Nullable
    public String getServiceId() {
        return serviceId;
    }

    public void setServiceId(@Nullable String serviceId) {
        this.serviceId = serviceId;
    }

    public boolean isRegister() {
        return register;
    }

    public void setRegister(boolean register) {
        this.register = register;
    }

    public boolean isRegisterWithoutServer() {
        return registerWithoutServer;
    }

    public void setRegisterWithoutServer(boolean registerWithoutServer) {
        this.registerWithoutServer = registerWithoutServer;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Duration getMaxRetryDelay() {
        return maxRetryDelay;
    }

    public void setMaxRetryDelay(Duration maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public Duration getResyncInterval() {
        return resyncInterval;
    }

    public void setResyncInterval(Duration resyncInterval) {
        this.resyncInterval = resyncInterval;
    }
}
