package com.acme.im.runtime.discovery;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * etcd 中一个实例的注册内容（值为 JSON）。端口为 0 表示该实例没有对应的服务器，
 * 这样同一个应用的 HTTP 与 gRPC 端口合并在同一条注册项里。
 *
 * @param serviceId  服务名（一般是 micronaut.application.name）
 * @param instanceId 实例 ID，键的最后一段
 * @param host       供他人连接的主机
 * @param httpPort   HTTP 端口，0 表示无
 * @param grpcPort   gRPC 端口，0 表示无
 * @param metadata   自定义元数据（如任务函数的任务类型）
 */
@Serdeable
public record ServiceEntry(String serviceId,
                           String instanceId,
                           String host,
                           int httpPort,
                           int grpcPort,
                           @Nullable Map<String, String> metadata) {

    public ServiceEntry {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** 只带元数据、不带端口的注册项（无服务器的任务函数用）。 */
    public static ServiceEntry of(String serviceId, String instanceId, String host, Map<String, String> metadata) {
        return new ServiceEntry(serviceId, instanceId, host, 0, 0, metadata);
    }

    public ServiceEntry withHttpPort(int port) {
        return new ServiceEntry(serviceId, instanceId, host, port, grpcPort, metadata);
    }

    public ServiceEntry withGrpcPort(int port) {
        return new ServiceEntry(serviceId, instanceId, host, httpPort, port, metadata);
    }

    public boolean hasGrpc() {
        return grpcPort > 0;
    }

    public boolean hasHttp() {
        return httpPort > 0;
    }
}
