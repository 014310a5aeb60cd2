package com.acme.im.bench.chat;

import java.util.concurrent.locks.LockSupport;

/**
 * 开环定速调度：第 i 次发送的计划时间固定为 start + i / rate，与之前的发送是否完成无关，
 * 所以系统卡顿不会让发送端“慢下来”而把卡顿藏起来。落后时立刻补发，不跳过任何一次。
 */
public final class RateScheduler {

    /** 一次发送；intendedNanos 是计划发送时间，延迟应从它算起。 */
    @FunctionalInterface
    public interface Sender {
        void send(long index, long intendedNanos);
    }

    /**
     * 一次运行的结果。
     *
     * @param sent         发出次数
     * @param elapsedNanos 从开始到最后一次发出的时间
     * @param maxLagNanos  实际发出时间比计划晚的最大值（调度端自身是否跟得上）
     */
    public record Result(long sent, long elapsedNanos, long maxLagNanos) {
        /** 实际达到的速率（次/秒）。 */
        public double achievedRate() {
            // n 次发送之间只有 n-1 个间隔
            return sent <= 1 || elapsedNanos <= 0 ? sent : (sent - 1) * 1e9 / elapsedNanos;
        }
    }

    private RateScheduler() {
    }

    /** 第 index 次发送的计划时间。 */
    public static long intendedNanos(long startNanos, double ratePerSecond, long index) {
        return startNanos + Math.round(index * (1e9 / ratePerSecond));
    }

    /** 以 ratePerSecond 持续 seconds 秒应发出的次数（至少 1）。 */
    public static long count(double ratePerSecond, double seconds) {
        return Math.max(1, Math.round(ratePerSecond * seconds));
    }

    /**
     * 从 startNanos 起按 ratePerSecond 发出 count 次（阻塞当前线程）。
     */
    public static Result run(long startNanos, double ratePerSecond, long count, Sender sender) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        long maxLag = 0;
        long last = startNanos;
        for (long i = 0; i < count; i++) {
            long due = intendedNanos(startNanos, ratePerSecond, i);
            long now = System.nanoTime();
            // 提前 50 微秒以上就停放线程，最后一小段自旋，避免系统定时器粒度带来的固定偏差
            while (due - now > 50_000) {
                LockSupport.parkNanos(due - now - 50_000);
                now = System.nanoTime();
            }
            while (now < due) {
                Thread.onSpinWait();
                now = System.nanoTime();
            }
            sender.send(i, due);
            last = System.nanoTime();
            maxLag = Math.max(maxLag, now - due);
        }
        return new Result(count, Math.max(1, last - startNanos), maxLag);
    }
}
