package com.acme.im.bench.report;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * 一组延迟样本的摘要（毫秒）。直方图里记录的是微秒，这里统一换算，报告只出现毫秒。
 *
 * @param count 样本数
 * @param p50   中位数
 * @param p95   95 分位
 * @param p99   99 分位
 * @param max   最大值
 */
public record LatencySummary(long count, double p50, double p95, double p99, double max) {

    /** 没有样本时的占位，格式化为 "-"。 */
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0);

    /** 从以微秒记录的直方图得出摘要。 */
    public static LatencySummary ofMicros(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(micros.getTotalCount(),
                micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(95) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0,
                micros.getMaxValue() / 1000.0);
    }

    /** 新建一个适合记录 1 微秒到 1 小时、3 位有效数字的直方图。 */
    public static Histogram newMicrosHistogram() {
        return new Histogram(3_600_000_000L, 3);
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** 单行文本：p50 / p95 / p99 / max。 */
    public String format() {
        if (isEmpty()) {
            return "no samples";
        }
        return "p50 " + ms(p50) + "  p95 " + ms(p95) + "  p99 " + ms(p99) + "  max " + ms(max) + " ms";
    }

    /** 毫秒数的统一格式：小于 10 保留两位小数，小于 100 保留一位，其余取整。 */
    public static String ms(double value) {
        if (value < 10) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        if (value < 100) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.0f", value);
    }
}
