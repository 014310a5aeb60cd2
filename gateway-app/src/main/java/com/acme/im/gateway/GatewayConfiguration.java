package com.acme.im.gateway;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * 网关的全部可调参数（前缀 im.gateway），默认值即文档。
 */
@ConfigurationProperties("im.gateway")
public class GatewayConfiguration {

    /** 按打开文件上限推算连接上限时的封顶值（再多，堆内存先成为瓶颈）。 */
    public static final int MAX_DERIVED_CONNECTIONS = 100_000;

    /** 网关 ID；为空时按 gw-{主机名}-{端口} 生成（端口随机时加随机后缀）。 */
    @Nullable
    private String id;
    /** 单个 WebSocket 帧的最大字节数（应用层检查，超出回 1006 且连接保持）。 */
    private int maxFrameBytes = 16 * 1024;
    /** 每个用户每秒可发送的消息数（令牌桶补充速率）。 */
    private double sendRatePerSecond = 20;
    /** 令牌桶容量：允许的突发条数。 */
    private int sendBurst = 40;
    /** 单个连接排队待处理的帧上限，超出直接回 1005，防止慢处理撑爆内存。 */
    private int maxPendingFrames = 256;
    /** 客户端多久没有任何帧就关闭连接。 */
    private Duration idleTimeout = Duration.ofSeconds(60);
    /** 空闲检查周期。 */
    private Duration idleCheckInterval = Duration.ofSeconds(10);
    /** 向 repo 续期本网关在线用户的周期（repo 侧 TTL 约 90 秒）。 */
    private Duration presenceRefreshInterval = Duration.ofSeconds(30);
    /** 调用 logic-app 的 gRPC 截止时间。 */
    private Duration logicDeadline = Duration.ofSeconds(5);
    /** 调用 repo-app 的 gRPC 截止时间。 */
    private Duration repoDeadline = Duration.ofSeconds(5);
    /** 下行 Topic 分区数。 */
    private int downstreamPartitions = 3;
    /** 下行 Topic 副本数（单节点 Kafka 为 1）。 */
    private short downstreamReplicationFactor = 1;
    /** 启动时等待下行消费者就位的最长时间。 */
    private Duration downstreamStartupTimeout = Duration.ofSeconds(30);
    /** 停机时等待下行消费线程处理完当前这批记录并关闭消费者的最长时间。 */
    private Duration downstreamCloseTimeout = Duration.ofSeconds(10);
    /**
     * 本网关最多同时持有的 WebSocket 连接数，超出时升级请求回 503（1008）。
     * 0（默认）= 按进程的打开文件上限推算：上限 − {@link #fdReserve}，最多 {@link #MAX_DERIVED_CONNECTIONS}。
     */
    private int maxConnections = 0;
    /** 推算连接上限时给 Kafka、gRPC、REST 连接、日志与 jar 留出的文件描述符（打开文件上限很小时最多留四分之一）。 */
    private int fdReserve = 1000;
    /** 同一用户在本网关上最多同时持有的 WebSocket 连接（设备）数，超出时升级请求回 429（1009）。 */
    private int maxConnectionsPerUser = 5;
    /** 清理已回满的发送令牌桶的周期：桶在回满之前一直保留，断线重连拿不回突发量。 */
    private Duration sendBucketSweepInterval = Duration.ofSeconds(10);
    /** 接受新连接失败（如打开文件数耗尽）后暂停接受的时长，避免接受循环空转。 */
    private Duration acceptErrorBackoff = Duration.ofSeconds(1);
    /** 接受失败的告警日志最短间隔，期间的失败只计数，下一条日志里一并报告。 */
    private Duration acceptErrorLogInterval = Duration.ofSeconds(30);
    /** 管理端口（endpoints.all.port：健康检查与指标）监听的地址；默认只监听回环，公网端口上没有这些端点。 */
    private String managementHost = "127.0.0.1";

    @Nullable
    public String getId() {
        return id;
    }

    public void setId(@Nullable String id) {
        this.id = id;
    }

    public int getMaxFrameBytes() {
        return maxFrameBytes;
    }

    public void setMaxFrameBytes(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    public double getSendRatePerSecond() {
        return sendRatePerSecond;
    }

    public void setSendRatePerSecond(double sendRatePerSecond) {
        this.sendRatePerSecond = sendRatePerSecond;
    }

    public int getSendBurst() {
        return sendBurst;
    }

    public void setSendBurst(int sendBurst) {
        this.sendBurst = sendBurst;
    }

    public int getMaxPendingFrames() {
        return maxPendingFrames;
    }

    public void setMaxPendingFrames(int maxPendingFrames) {
        this.maxPendingFrames = maxPendingFrames;
    }

    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    public void setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    public Duration getIdleCheckInterval() {
        return idleCheckInterval;
    }

    public void setIdleCheckInterval(Duration idleCheckInterval) {
        this.idleCheckInterval = idleCheckInterval;
    }

    public Duration getPresenceRefreshInterval() {
        return presenceRefreshInterval;
    }

    public void setPresenceRefreshInterval(Duration presenceRefreshInterval) {
        this.presenceRefreshInterval = presenceRefreshInterval;
    }

    public Duration getLogicDeadline() {
        return logicDeadline;
    }

    public void setLogicDeadline(Duration logicDeadline) {
        this.logicDeadline = logicDeadline;
    }

    public Duration getRepoDeadline() {
        return repoDeadline;
    }

    public void setRepoDeadline(Duration repoDeadline) {
        this.repoDeadline = repoDeadline;
    }

    public int getDownstreamPartitions() {
        return downstreamPartitions;
    }

    public void setDownstreamPartitions(int downstreamPartitions) {
        this.downstreamPartitions = downstreamPartitions;
    }

    public short getDownstreamReplicationFactor() {
        return downstreamReplicationFactor;
    }

    public void setDownstreamReplicationFactor(short downstreamReplicationFactor) {
        this.downstreamReplicationFactor = downstreamReplicationFactor;
    }

    public Duration getDownstreamStartupTimeout() {
        return downstreamStartupTimeout;
    }

    public void setDownstreamStartupTimeout(Duration downstreamStartupTimeout) {
        this.downstreamStartupTimeout = downstreamStartupTimeout;
    }

    public Duration getDownstreamCloseTimeout() {
        return downstreamCloseTimeout;
    }

    public void setDownstreamCloseTimeout(Duration downstreamCloseTimeout) {
        this.downstreamCloseTimeout = downstreamCloseTimeout;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public int getFdReserve() {
        return fdReserve;
    }

    public void setFdReserve(int fdReserve) {
        this.fdReserve = fdReserve;
    }

    public int getMaxConnectionsPerUser() {
        return maxConnectionsPerUser;
    }

    public void setMaxConnectionsPerUser(int maxConnectionsPerUser) {
        this.maxConnectionsPerUser = maxConnectionsPerUser;
    }

    public Duration getSendBucketSweepInterval() {
        return sendBucketSweepInterval;
    }

    public void setSendBucketSweepInterval(Duration sendBucketSweepInterval) {
        this.sendBucketSweepInterval = sendBucketSweepInterval;
    }

    public Duration getAcceptErrorBackoff() {
        return acceptErrorBackoff;
    }

    public void setAcceptErrorBackoff(Duration acceptErrorBackoff) {
        this.acceptErrorBackoff = acceptErrorBackoff;
    }

    public Duration getAcceptErrorLogInterval() {
        return acceptErrorLogInterval;
    }

    public void setAcceptErrorLogInterval(Duration acceptErrorLogInterval) {
        this.acceptErrorLogInterval = acceptErrorLogInterval;
    }

    public String getManagementHost() {
        return managementHost;
    }

    public void setManagementHost(String managementHost) {
        this.managementHost = managementHost;
    }
}
