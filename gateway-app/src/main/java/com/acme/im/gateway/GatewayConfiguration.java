package com.acme.im.gateway;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * 网关的全部可调参数（前缀 im.gateway），默认值即文档。
 */
@ConfigurationProperties("im.gateway")
public class GatewayConfiguration {

    /** 网关 ID；为空时按 gw-{主机名}-{端口} 生成（端口随机时加随机后缀）。 */
    @Nullable
    private String id;
    /** 单条消息 content 的最大字符数，超出回 3002。 */
    private int maxContentLength = 4096;
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

    @Nullable
    public String getId() {
        return id;
    }

    public void setId(@Nullable String id) {
        this.id = id;
    }

    public int getMaxContentLength() {
        return maxContentLength;
    }

    public void setMaxContentLength(int maxContentLength) {
        this.maxContentLength = maxContentLength;
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
}
