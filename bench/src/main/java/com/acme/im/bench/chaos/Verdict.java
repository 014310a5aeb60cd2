package com.acme.im.bench.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * 判定：把客户端账本（发出、确认、到达）与收尾时读到的历史对上，按段汇总成表格行，并列出每个问题的具体 ID。
 * 纯计算，没有 I/O，单元测试直接构造输入。
 *
 * @param rows     每段一行（与 phases 同序）
 * @param total    合计行
 * @param problems 问题明细（每类最多 detailLimit 条，超出的注明省略了多少）
 */
public record Verdict(List<VerdictRow> rows, VerdictRow total, List<String> problems) {

    /** 没有任何失败。 */
    public boolean passed() {
        return !total.failed() && rows.stream().noneMatch(VerdictRow::failed);
    }

    /**
     * @param phases      各段
     * @param sent        账本里的全部消息
     * @param history     每个会话收尾时的全部已存消息（从 seq 1 起）
     * @param detailLimit 每类问题最多列出几条
     */
    public static Verdict compute(List<Phase> phases, List<SentMessage> sent, Map<String, List<StoredMessage>> history,
                                  int detailLimit) {
        int n = phases.size();
        Counters[] perPhase = new Counters[n];
        for (int i = 0; i < n; i++) {
            perPhase[i] = new Counters();
        }
        Counters total = new Counters();
        Problems problems = new Problems(detailLimit);

        Map<String, List<StoredMessage>> byClientId = new HashMap<>();
        history.values().forEach(list -> list.forEach(m -> {
            if (!m.clientMsgId().isEmpty()) {
                byClientId.computeIfAbsent(m.clientMsgId(), k -> new ArrayList<>()).add(m);
            }
        }));
        Map<String, Integer> phaseOf = new HashMap<>();

        for (SentMessage m : sent) {
            phaseOf.put(m.clientMsgId(), m.phase());
            Counters c = perPhase[m.phase()];
            String where = " (" + m.conversationId() + ", " + phases.get(m.phase()).name() + ", created at "
                    + seconds(m.createdMs()) + ")";
            c.sent++;
            if (m.ackMs() >= 0) {
                c.acked++;
            } else {
                problems.add("unacked", m.clientMsgId() + where);
            }
            if (m.ackConflict()) {
                c.ackConflicts++;
                problems.add("acks with two message ids", m.clientMsgId() + where);
            }
            List<StoredMessage> copies = byClientId.getOrDefault(m.clientMsgId(), List.of());
            Set<String> ids = new HashSet<>();
            copies.forEach(s -> ids.add(s.messageId()));
            boolean lost = false;
            if (ids.isEmpty()) {
                lost = true;
                problems.add("not stored", m.clientMsgId() + where + (m.ackMs() >= 0 ? " acked as " + m.ackMessageId() : ""));
            } else {
                c.stored++;
                if (ids.size() > 1) {
                    c.storedTwice++;
                    problems.add("stored twice", m.clientMsgId() + where + " as " + copies.stream()
                            .map(s -> s.messageId() + "@seq" + s.seq()).toList());
                } else if (m.ackMs() >= 0 && !ids.contains(m.ackMessageId())) {
                    c.ackConflicts++;
                    problems.add("ack names a message id that is not stored", m.clientMsgId() + where + " acked "
                            + m.ackMessageId() + ", stored " + ids);
                }
            }
            boolean duplicated = false;
            List<Integer> missingAt = new ArrayList<>();
            for (Receipt r : m.receipts()) {
                c.expected++;
                // 账本只在实时还没到时记补拉，所以 syncMs 有值就说明补拉在先
                if (r.syncMs() >= 0) {
                    c.bySync++;
                    if (r.finalSync()) {
                        c.byFinalSync++;
                    }
                } else if (r.liveMs() >= 0) {
                    c.live++;
                } else {
                    c.missing++;
                    missingAt.add(r.receiver());
                }
                if (r.liveDuplicates() > 0) {
                    c.duplicateLive += r.liveDuplicates();
                    duplicated = true;
                }
            }
            if (duplicated) {
                c.duplicateMessages++;
            }
            List<Integer> late = m.receipts().stream().filter(Receipt::finalSync).map(Receipt::receiver).toList();
            if (!late.isEmpty()) {
                // 不算失败（补拉拿到了），但真实客户端在下次重连前看不到：列出来便于定位
                problems.add("delivered only by the final sync (not a failure)", m.clientMsgId() + where + " to devices " + late);
            }
            if (!missingAt.isEmpty()) {
                lost = true;
                problems.add("not delivered", m.clientMsgId() + where + " to devices " + missingAt
                        + (ids.isEmpty() ? "" : " although stored as " + ids));
            }
            if (lost) {
                c.lost++;
            }
        }

        // seq：每个会话应恰为 1..max，每个 seq 一条
        for (Map.Entry<String, List<StoredMessage>> e : history.entrySet()) {
            TreeMap<Long, List<StoredMessage>> bySeq = new TreeMap<>();
            e.getValue().forEach(m -> bySeq.computeIfAbsent(m.seq(), k -> new ArrayList<>()).add(m));
            if (bySeq.isEmpty()) {
                continue;
            }
            long max = bySeq.lastKey();
            for (long s = 1; s <= max; s++) {
                List<StoredMessage> at = bySeq.get(s);
                if (at == null) {
                    StoredMessage next = bySeq.higherEntry(s).getValue().get(0);
                    int p = phaseOf.getOrDefault(next.clientMsgId(), -1);
                    countSeq(perPhase, total, p);
                    problems.add("seq gap", e.getKey() + " has no seq " + s + " (next stored: seq " + next.seq() + " "
                            + label(next, p, phases) + ")");
                } else if (at.size() > 1) {
                    int p = phaseOf.getOrDefault(at.get(0).clientMsgId(), -1);
                    countSeq(perPhase, total, p);
                    problems.add("seq used twice", e.getKey() + " seq " + s + " holds " + at.stream()
                            .map(m -> m.messageId() + "/" + m.clientMsgId()).toList());
                }
            }
        }

        List<VerdictRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Phase p = phases.get(i);
            long recovery = p.fault() ? recovery(sent, i, p.effectiveMs()) : -1;
            rows.add(perPhase[i].row(p.name(), p.fault(), p.actionMs(), recovery));
            total.add(perPhase[i]);
        }
        return new Verdict(rows, total.row("total", false, 0, -1), problems.list());
    }

    /** 段 phase 里故障生效后创建的消息中最早“已确认且全部实时送达”的完成时刻减去生效时刻；没有为 -1。 */
    static long recovery(List<SentMessage> sent, int phase, long faultMs) {
        long best = -1;
        for (SentMessage m : sent) {
            if (m.phase() != phase || m.createdMs() < faultMs) {
                continue;
            }
            long done = m.completionMs();
            if (done >= 0 && (best < 0 || done < best)) {
                best = done;
            }
        }
        return best < 0 ? -1 : best - faultMs;
    }

    private static void countSeq(Counters[] perPhase, Counters total, int phase) {
        if (phase >= 0) {
            perPhase[phase].seqErrors++;
        } else {
            // 空洞后面是本次运行之外的消息（如上一次运行留下的）：只计入合计
            total.seqErrors++;
        }
    }

    private static String label(StoredMessage m, int phase, List<Phase> phases) {
        return m.messageId() + "/" + (m.clientMsgId().isEmpty() ? "-" : m.clientMsgId())
                + (phase >= 0 ? ", " + phases.get(phase).name() : ", not from this run");
    }

    private static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** 一段的计数。 */
    private static final class Counters {
        long sent;
        long acked;
        long stored;
        long storedTwice;
        long expected;
        long live;
        long bySync;
        long byFinalSync;
        long missing;
        long lost;
        long duplicateLive;
        long duplicateMessages;
        long seqErrors;
        long ackConflicts;

        void add(Counters o) {
            sent += o.sent;
            acked += o.acked;
            stored += o.stored;
            storedTwice += o.storedTwice;
            expected += o.expected;
            live += o.live;
            bySync += o.bySync;
            byFinalSync += o.byFinalSync;
            missing += o.missing;
            lost += o.lost;
            duplicateLive += o.duplicateLive;
            duplicateMessages += o.duplicateMessages;
            seqErrors += o.seqErrors;
            ackConflicts += o.ackConflicts;
        }

        VerdictRow row(String name, boolean fault, long actionMs, long recoveryMs) {
            return new VerdictRow(name, fault, actionMs, recoveryMs, sent, acked, stored, storedTwice, expected, live,
                    bySync, byFinalSync, missing, lost, duplicateLive, duplicateMessages, seqErrors, ackConflicts);
        }
    }

    /** 按类别收集问题明细，每类只留前 limit 条。 */
    private static final class Problems {
        private final int limit;
        private final Map<String, List<String>> byKind = new LinkedHashMap<>();
        private final Map<String, Integer> counts = new LinkedHashMap<>();

        Problems(int limit) {
            this.limit = limit;
        }

        void add(String kind, String detail) {
            counts.merge(kind, 1, Integer::sum);
            List<String> l = byKind.computeIfAbsent(kind, k -> new ArrayList<>());
            if (l.size() < limit) {
                l.add(detail);
            }
        }

        List<String> list() {
            List<String> out = new ArrayList<>();
            byKind.forEach((kind, details) -> {
                details.forEach(d -> out.add(kind + ": " + d));
                int more = counts.get(kind) - details.size();
                if (more > 0) {
                    out.add(kind + ": ... and " + more + " more");
                }
            });
            return out;
        }
    }
}
