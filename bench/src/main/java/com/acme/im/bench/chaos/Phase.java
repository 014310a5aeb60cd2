package com.acme.im.bench.chaos;

/**
 * 运行中的一段：开头的平稳期，或从注入某个故障起到下一个故障注入为止。消息按创建时刻归入所在的段。
 *
 * @param name        表格第一列（平稳期为 "steady (no fault)"）
 * @param fault       是否故障段（平稳期没有恢复时间）
 * @param startMs     段开始（开始执行故障动作）时刻，相对运行开始的毫秒
 * @param effectiveMs 故障真正生效的时刻（进程已死、已暂停、已停止、已清空）；恢复时间从这里算，
 *                    只看此后创建的消息：动作开始到生效之间创建的消息可能还被旧进程处理完
 * @param actionMs    故障动作本身用的时间（如 kill 到重启后健康），平稳期为 0
 * @param note        动作失败等说明，没有为空串
 */
public record Phase(String name, boolean fault, long startMs, long effectiveMs, long actionMs, String note) {
}
