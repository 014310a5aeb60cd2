package com.acme.im.bench.chaos;

import com.acme.im.bench.chat.RateScheduler;

import java.util.concurrent.locks.LockSupport;

/**
 * 平稳的开环流量：单聊环（用户 i 发给 i+stride）与一个群（成员轮流发），各按固定速率，
 * 故障期间照样“按下发送”——发不出去的留在客户端待确认表里，连上后重发。一个发送线程。
 */
final class Traffic implements Runnable {

    /**
     * 流量形状。
     *
     * @param ringSize         单聊环的用户数（设备 0..ringSize-1）
     * @param stride           用户 i 与 i+stride 一个会话
     * @param ringConversations ringConversations[i] 是 i 与 i+stride 的会话
     * @param ringRate         单聊总速率（条/秒）
     * @param groupFirst       群成员的第一个设备编号（之后 groupSize 个）
     * @param groupSize        群成员数
     * @param groupConversation 群会话
     * @param groupRate        群消息速率（条/秒，0 表示不发）
     */
    record Shape(int ringSize, int stride, String[] ringConversations, double ringRate, int groupFirst, int groupSize,
                 String groupConversation, double groupRate) {
    }

    private final ClientFleet fleet;
    private final Shape shape;
    private final String tag;
    private volatile boolean running = true;
    private final Thread thread;

    Traffic(ClientFleet fleet, Shape shape, String tag) {
        this.fleet = fleet;
        this.shape = shape;
        this.tag = tag;
        this.thread = new Thread(this, "chaos-traffic");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** 停止产生新消息（已产生的仍由客户端重发到确认为止）。 */
    void stop() throws InterruptedException {
        running = false;
        thread.join();
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        long ring = 0;
        long group = 0;
        while (running) {
            long dueRing = RateScheduler.intendedNanos(start, shape.ringRate(), ring);
            long dueGroup = shape.groupRate() > 0 ? RateScheduler.intendedNanos(start, shape.groupRate(), group) : Long.MAX_VALUE;
            long due = Math.min(dueRing, dueGroup);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                // 最多睡 100 毫秒，以便及时看到 stop
                LockSupport.parkNanos(Math.min(wait, 100_000_000L));
                continue;
            }
            if (dueRing <= dueGroup) {
                sendRing(ring++);
            } else {
                sendGroup(group++);
            }
        }
    }

    private void sendRing(long i) {
        int sender = (int) (i % shape.ringSize());
        int receiver = (sender + shape.stride()) % shape.ringSize();
        String id = tag + "-o" + i;
        String conv = shape.ringConversations()[sender];
        fleet.ledger().created(id, conv, new int[]{receiver});
        fleet.client(sender).submit(id, conv);
    }

    private void sendGroup(long j) {
        int sender = shape.groupFirst() + (int) (j % shape.groupSize());
        int[] receivers = new int[shape.groupSize() - 1];
        for (int k = 0, r = 0; k < shape.groupSize(); k++) {
            if (shape.groupFirst() + k != sender) {
                receivers[r++] = shape.groupFirst() + k;
            }
        }
        String id = tag + "-g" + j;
        fleet.ledger().created(id, shape.groupConversation(), receivers);
        fleet.client(sender).submit(id, shape.groupConversation());
    }
}
