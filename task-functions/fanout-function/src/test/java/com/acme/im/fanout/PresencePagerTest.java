package com.acme.im.fanout;

import com.acme.im.proto.common.v1.Presence;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 流水线的三个承诺：在途调用不超过上限、某页的在线状态一到就交出（不等翻完）、任何调用失败都整体失败并取消其余调用。
 * repo 调用由定时线程异步完成，模拟 gRPC 的回调线程。
 */
class PresencePagerTest {

    static final int PAGE = 10;
    final ScheduledExecutorService repo = Executors.newScheduledThreadPool(4);
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxSeen = new AtomicInteger();
    /** 按发生顺序记录 "page N"（发出翻页请求）与 "sink N"（交出第 N 页的在线状态）。 */
    final List<String> log = new CopyOnWriteArrayList<>();
    final Set<Thread> sinkThreads = new HashSet<>();

    @AfterEach
    void close() {
        repo.shutdownNow();
    }

    @Test
    void boundsInFlightCallsAndHandsOutEachPageAsSoonAsItsPresenceArrives() throws Exception {
        int pages = 20;
        List<Long> seen = new ArrayList<>();
        PresencePager pager = new PresencePager(members(pages, 5), presences(15, -1), 4, PAGE, Duration.ofSeconds(5));

        PresencePager.Totals totals = pager.run(presences -> {
            sinkThreads.add(Thread.currentThread());
            log.add("sink " + presences.get(0).getUserId() / PAGE);
            presences.forEach(p -> seen.add(p.getUserId()));
        });

        assertEquals(new PresencePager.Totals(pages * PAGE, pages), totals);
        assertEquals(LongStream.range(0, pages * PAGE).boxed().toList(), seen.stream().sorted().toList());
        assertTrue(maxSeen.get() <= 4, "in flight " + maxSeen.get());
        assertTrue(maxSeen.get() >= 2, "lookups overlap paging, in flight " + maxSeen.get());
        assertTrue(log.indexOf("sink 0") < log.indexOf("page " + (pages - 1)), "first page published before the last page was requested: " + log);
        assertEquals(Set.of(Thread.currentThread()), sinkThreads, "sink runs on the calling thread");
    }

    @Test
    void eachPageIsLookedUpInPresenceBatchesThatRunConcurrently() throws Exception {
        int pages = 3;
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        List<Long> seen = new ArrayList<>();
        PresencePager.Presences lookups = presences(15, -1);
        PresencePager pager = new PresencePager(members(pages, 1), ids -> {
            batchSizes.add(ids.size());
            return lookups.of(ids);
        }, 4, 4, Duration.ofSeconds(5));

        PresencePager.Totals totals = pager.run(presences -> presences.forEach(p -> seen.add(p.getUserId())));

        assertEquals(new PresencePager.Totals(pages * PAGE, pages), totals);
        // 每页 10 人按 4 人一批：4、4、2
        assertEquals(List.of(4, 4, 2, 4, 4, 2, 4, 4, 2), batchSizes);
        assertEquals(LongStream.range(0, pages * PAGE).boxed().toList(), seen.stream().sorted().toList());
        assertTrue(maxSeen.get() >= 3, "batches of one page overlap, in flight " + maxSeen.get());
        assertTrue(maxSeen.get() <= 4, "in flight " + maxSeen.get());
    }

    @Test
    void oneCallInFlightMeansStrictlySequential() throws Exception {
        PresencePager pager = new PresencePager(members(5, 2), presences(2, -1), 1, PAGE, Duration.ofSeconds(5));
        PresencePager.Totals totals = pager.run(presences -> log.add("sink " + presences.get(0).getUserId() / PAGE));
        assertEquals(5 * PAGE, totals.members());
        assertEquals(1, maxSeen.get());
        assertEquals(List.of("page 0", "sink 0", "page 1", "sink 1", "page 2", "sink 2", "page 3", "sink 3", "page 4", "sink 4"), log);
    }

    @Test
    void aFailedLookupFailsTheRunAndCancelsTheRest() {
        List<ListenableFuture<?>> issued = new CopyOnWriteArrayList<>();
        PresencePager.Presences failing = presences(30, 3);
        PresencePager pager = new PresencePager(members(50, 5), ids -> {
            ListenableFuture<List<Presence>> f = failing.of(ids);
            issued.add(f);
            return f;
        }, 4, PAGE, Duration.ofSeconds(5));

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> pager.run(presences -> {
        }));
        assertSame(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertFalse(issued.isEmpty());
        assertTrue(issued.stream().allMatch(ListenableFuture::isDone), "nothing left running");
    }

    /** pages 页、每页 PAGE 个连续 ID 的成员，每次翻页延迟 delayMs 后完成。 */
    private PresencePager.Members members(int pages, long delayMs) {
        return cursor -> {
            long page = cursor == 0 ? 0 : cursor / PAGE + 1;
            log.add("page " + page);
            List<Long> ids = LongStream.range(page * PAGE, (page + 1) * PAGE).boxed().toList();
            return later(new PresencePager.MemberPage(ids, page < pages - 1), delayMs);
        };
    }

    /** 查询延迟 delayMs 后返回全部在线；failPage 页（≥0 时）返回 UNAVAILABLE。 */
    private PresencePager.Presences presences(long delayMs, long failPage) {
        return ids -> {
            if (ids.get(0) / PAGE == failPage) {
                return failLater(delayMs);
            }
            return later(ids.stream().map(id -> Presence.newBuilder().setUserId(id).setOnline(true)
                    .addGatewayIds("gw").build()).toList(), delayMs);
        };
    }

    private <T> ListenableFuture<T> later(T value, long delayMs) {
        enter();
        SettableFuture<T> f = SettableFuture.create();
        repo.schedule(() -> {
            inFlight.decrementAndGet();
            f.set(value);
        }, delayMs, TimeUnit.MILLISECONDS);
        return f;
    }

    private <T> ListenableFuture<T> failLater(long delayMs) {
        enter();
        SettableFuture<T> f = SettableFuture.create();
        repo.schedule(() -> {
            inFlight.decrementAndGet();
            f.setException(Status.UNAVAILABLE.withDescription("repo down").asRuntimeException());
        }, delayMs, TimeUnit.MILLISECONDS);
        return f;
    }

    private void enter() {
        maxSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }
}
