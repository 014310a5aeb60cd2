package com.acme.im.gateway.ws;

import com.acme.im.gateway.GatewayConfiguration;
import com.sun.management.UnixOperatingSystemMXBean;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.function.LongSupplier;

/**
 * 本网关的 WebSocket 连接上限。未显式配置 im.gateway.max-connections 时按进程的打开文件上限推算，
 * 并且每次都重新读取：运维用 prlimit 临时抬高上限后不必重启就能接受更多连接。
 * 目的是在文件描述符真正耗尽之前就干净地拒绝（503），而不是让 accept 报 “Too many open files”、新客户端挂起。
 */
@Singleton
public class ConnectionLimits {

    /** 读不到打开文件上限（非 Unix 平台）时使用的上限。 */
    static final int FALLBACK_MAX_CONNECTIONS = 10_000;

    private final int configured;
    private final int fdReserve;
    private final int perUser;
    private final LongSupplier maxFileDescriptors;

    @Inject
    public ConnectionLimits(GatewayConfiguration configuration) {
        this(configuration, ConnectionLimits::processMaxFileDescriptors);
    }

    ConnectionLimits(GatewayConfiguration configuration, LongSupplier maxFileDescriptors) {
        this.configured = configuration.getMaxConnections();
        this.fdReserve = Math.max(0, configuration.getFdReserve());
        this.perUser = configuration.getMaxConnectionsPerUser();
        this.maxFileDescriptors = maxFileDescriptors;
        if (perUser < 1) {
            throw new IllegalArgumentException("im.gateway.max-connections-per-user must be at least 1");
        }
    }

    /** 当前生效的连接上限。 */
    public int maxConnections() {
        return configured > 0 ? configured : derive(maxFileDescriptors.getAsLong(), fdReserve);
    }

    /** 同一用户在本网关上的连接上限。 */
    public int maxConnectionsPerUser() {
        return perUser;
    }

    /**
     * 打开文件上限减去预留；上限很小（如 1024）时预留最多取四分之一，免得只剩几十个连接；结果封顶。
     *
     * @param maxFds 进程的打开文件上限，未知时为负数
     */
    static int derive(long maxFds, int reserve) {
        if (maxFds <= 0) {
            return FALLBACK_MAX_CONNECTIONS;
        }
        long usable = maxFds - Math.min(reserve, maxFds / 4);
        return (int) Math.max(1, Math.min(usable, GatewayConfiguration.MAX_DERIVED_CONNECTIONS));
    }

    private static long processMaxFileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    }
}
