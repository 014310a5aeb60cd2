package com.acme.im.fanout;

import com.acme.im.proto.common.v1.Presence;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * 一次扩散的成员分页与在线查询流水线（每个任务新建一个）。翻页按 user_id 游标进行，只能一页接一页；
 * 各页的在线查询与后续翻页并发，在途的 repo 调用（翻页加在线查询）不超过 maxInFlight。
 * 串行的翻页是整个扩散的关键路径，所以有空位时先翻下一页，其余空位给已取到的页查在线；
 * 已取到但还没查的页达到 maxInFlight 时暂停翻页，内存因此有界。
 * 某页的在线状态一到就交给 sink，不等翻完全部成员。gRPC 回调只把结果放进队列，sink 在调用 run 的线程上执行：
 * 发布因此无需同步，追踪上下文（MDC）也还在。任何一次调用失败都取消其余在途调用并抛出。
 */
final class PresencePager {

    /** 一页成员（按 user_id 升序）。 */
    record MemberPage(List<Long> userIds, boolean hasMore) {
    }

    /** 一次扩散翻过的成员数与页数。 */
    record Totals(int members, int pages) {
    }

    /** 取游标之后的一页成员。 */
    @FunctionalInterface
    interface Members {
        ListenableFuture<MemberPage> after(long cursor);
    }

    /** 查一批用户的在线状态。 */
    @FunctionalInterface
    interface Presences {
        ListenableFuture<List<Presence>> of(List<Long> userIds);
    }

    private final Members members;
    private final Presences presences;
    private final int maxInFlight;
    private final int presenceBatch;
    private final Duration stallTimeout;

    /**
     * @param maxInFlight   同时在途的 repo 调用上限，至少 1（1 即完全串行）
     * @param presenceBatch 一次在线查询的人数：一页成员拆成几批并发查询（翻页是串行的关键路径，页要大；查询可并发，批要小）
     * @param stallTimeout  多久没有任何调用返回就放弃；应大于单次调用的截止时间，正常情况下由截止时间先触发
     */
    PresencePager(Members members, Presences presences, int maxInFlight, int presenceBatch, Duration stallTimeout) {
        this.members = members;
        this.presences = presences;
        this.maxInFlight = Math.max(1, maxInFlight);
        this.presenceBatch = Math.max(1, presenceBatch);
        this.stallTimeout = stallTimeout;
    }

    /** 翻完全部成员，每页的在线状态到达后立即在本线程交给 sink。 */
    Totals run(Consumer<List<Presence>> sink) throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        List<Future<?>> calls = new ArrayList<>();
        Deque<List<Long>> waiting = new ArrayDeque<>();
        int inFlight = 0;
        boolean pageInFlight = false;
        boolean morePages = true;
        long cursor = 0;
        int memberCount = 0;
        int pageCount = 0;
        try {
            while (true) {
                if (morePages && !pageInFlight && inFlight < maxInFlight && waiting.size() < maxInFlight) {
                    calls.add(listen(members.after(cursor), PageArrived::new, events));
                    inFlight++;
                    pageInFlight = true;
                }
                while (inFlight < maxInFlight && !waiting.isEmpty()) {
                    calls.add(listen(presences.of(waiting.poll()), PresenceArrived::new, events));
                    inFlight++;
                }
                if (inFlight == 0) {
                    return new Totals(memberCount, pageCount);
                }
                Event event = events.poll(stallTimeout.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    throw new TimeoutException("no answer from repo-app within " + stallTimeout);
                }
                inFlight--;
                calls.removeIf(Future::isDone);
                if (event instanceof CallFailed failed) {
                    throw failed.error() instanceof Exception e ? e : new ExecutionException(failed.error());
                } else if (event instanceof PageArrived arrived) {
                    pageInFlight = false;
                    List<Long> ids = arrived.page().userIds();
                    if (ids.isEmpty()) {
                        morePages = false;
                    } else {
                        cursor = ids.get(ids.size() - 1);
                        memberCount += ids.size();
                        pageCount++;
                        for (int from = 0; from < ids.size(); from += presenceBatch) {
                            waiting.add(ids.subList(from, Math.min(ids.size(), from + presenceBatch)));
                        }
                        morePages = arrived.page().hasMore();
                    }
                } else if (event instanceof PresenceArrived arrived) {
                    sink.accept(arrived.presences());
                }
            }
        } finally {
            // 失败或超时时不再需要其余结果；已完成的 Future 忽略取消
            calls.forEach(f -> f.cancel(false));
        }
    }

    private static <T> ListenableFuture<T> listen(ListenableFuture<T> call, Function<T, Event> onSuccess,
                                                  BlockingQueue<Event> events) {
        Futures.addCallback(call, new FutureCallback<>() {
            @Override
            public void onSuccess(T result) {
                events.add(onSuccess.apply(result));
            }

            @Override
            public void onFailure(Throwable t) {
                events.add(new CallFailed(t));
            }
        }, MoreExecutors.directExecutor());
        return call;
    }

    /** 流水线事件：某次调用返回或失败。 */
    private sealed interface Event permits PageArrived, PresenceArrived, CallFailed {
    }

    private record PageArrived(MemberPage page) implements Event {
    }

    private record PresenceArrived(List<Presence> presences) implements Event {
    }

    private record CallFailed(Throwable error) implements Event {
    }
}
