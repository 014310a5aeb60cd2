package com.acme.im.runtime.discovery;

import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;

/**
 * 注册项的键布局 {@code {prefix}/{service-id}/{instance-id}} 与 JSON 编解码集中在这里，
 * 注册方与解析方共用，避免两边格式漂移。
 */
@Singleton
public class ServiceEntryCodec {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceEntryCodec.class);

    private final JsonMapper jsonMapper;

    public ServiceEntryCodec(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** 前缀统一为以 / 开头、不以 / 结尾。 */
    public static String normalizePrefix(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "discovery prefix must not be empty");
        }
        String p = prefix.trim();
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        return p.startsWith("/") ? p : "/" + p;
    }

    /** 某个实例的键。 */
    public static String key(String prefix, String serviceId, String instanceId) {
        return servicePrefix(prefix, serviceId) + checkSegment("instance id", instanceId);
    }

    /** 某个服务下所有实例键的公共前缀（以 / 结尾，避免 repo-app 匹配到 repo-app2）。 */
    public static String servicePrefix(String prefix, String serviceId) {
        return normalizePrefix(prefix) + "/" + checkSegment("service id", serviceId) + "/";
    }

    /** 从键中取出服务名；键不在该前缀下或层级不对时为空。 */
    public static Optional<String> serviceIdOf(String prefix, String key) {
        String root = normalizePrefix(prefix) + "/";
        if (!key.startsWith(root)) {
            return Optional.empty();
        }
        String[] parts = key.substring(root.length()).split("/");
        return parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty() ? Optional.of(parts[0]) : Optional.empty();
    }

    private static String checkSegment(String what, String value) {
        // 键的每一段不能含 /，否则前缀监听会把别的服务也算进来
        if (value == null || value.isBlank() || value.contains("/")) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, what + " must be non-empty and contain no '/': " + value);
        }
        return value;
    }

    public byte[] encode(ServiceEntry entry) {
        try {
            return jsonMapper.writeValueAsBytes(entry);
        } catch (IOException e) {
            throw new ImException(ErrorCode.INTERNAL, "cannot encode service entry", e);
        }
    }

    /** 解不出来的值记警告后跳过，别人写坏的一条不能拖垮整个监听。 */
    public Optional<ServiceEntry> decode(byte[] json) {
        try {
            ServiceEntry entry = jsonMapper.readValue(json, ServiceEntry.class);
            if (entry == null || entry.host() == null || entry.host().isBlank()) {
                LOG.warn("ignoring service entry without host");
                return Optional.empty();
            }
            return Optional.of(entry);
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring malformed service entry: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
