package com.acme.im.task.kafka;

import com.acme.im.runtime.kafka.Topics;
import com.acme.im.task.DispatchPass;
import com.acme.im.task.RetryState;
import com.acme.im.task.TaskDeliveryException;
import com.acme.im.task.TaskDispatcher;
import com.acme.im.task.TaskRecord;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * 常驻（java -jar）运行时：订阅已注册任务类型各自的 Topic（Topics.task(type)），把记录交给分发器，
 * 一个分区的记录都完成（成功或已写死信）后才同步提交偏移量。消费者由 {@link TaskConsumerFactory} 按 micronaut-kafka 的配置创建。
 * 订阅列表来自处理器注册而非注解常量，所以这里直接使用 KafkaConsumer 而不是 @KafkaListener。
 * <p>
 * 失败的任务不在拉取线程上睡眠等待：提交它之前的偏移量，暂停该分区并把未完成的记录留在内存，
 * 每次 poll 前检查，退避期满（RetryPolicy，倍增且有上限）就重新分发，完成后恢复拉取。
 * 同一线程上的其他分区照常消费，poll 也不中断，不会因 max.poll.interval.ms 被踢出消费组。
 * 重平衡失去的分区丢弃留下的记录与重试进度，新的持有者从已提交的偏移量重新消费、重新计数（至少一次）。
 * 在 Lambda（function 环境）中不创建，Lambda 由事件源映射负责拉取。
 */
@Context
@Requires(notEnv = Environment.FUNCTION)
@Requires(property = "im.task.consumer.enabled", notEquals = "false")
public class TaskConsumerRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TaskConsumerRunner.class);

    private final TaskDispatcher dispatcher;
    private final TaskConsumerConfiguration config;
    private final TaskConsumerFactory consumers;
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final AtomicInteger assignedPartitions = new AtomicInteger();

    public TaskConsumerRunner(TaskDispatcher dispatcher, TaskConsumerConfiguration config, TaskConsumerFactory consumers) {
        this.dispatcher = dispatcher;
        this.config = config;
        this.consumers = consumers;
    }

    /** 订阅的 Topic：每种已注册类型一个。 */
    public List<String> topics() {
        return dispatcher.taskTypes().stream().map(Topics::task).toList();
    }

    /** 消费组名。 */
    public String groupId() {
        return consumers.groupId();
    }

    @PostConstruct
    void start() {
        for (int i = 0; i < config.getThreads(); i++) {
            Worker w = new Worker(consumers.create(dispatcher.instanceId() + "-" + i));
            workers.add(w);
            Thread t = new Thread(w, groupId() + "-consumer-" + i);
            t.setDaemon(false);
            w.thread = t;
            t.start();
        }
        LOG.info("task consumer started: group={} topics={} threads={}", groupId(), topics(), config.getThreads());
    }

    @PreDestroy
    void stop() {
        for (Worker w : workers) {
            w.running = false;
            w.consumer.wakeup();
        }
        for (Worker w : workers) {
            try {
                w.thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    /** 当前分配到本实例的分区数（健康检查与测试等待分配完成用）。 */
    public int assignedPartitions() {
        return assignedPartitions.get();
    }

    /** 所有消费线程都在运行（健康检查用）。 */
    public boolean isRunning() {
        return !workers.isEmpty() && workers.stream().allMatch(w -> w.thread.isAlive());
    }

    /** 一个消费线程：逐分区分发并提交；未完成的分区暂停、记录留在内存，到期后重新分发。以下状态只在本线程内访问。 */
    private final class Worker implements Runnable, ConsumerRebalanceListener {

        private final Consumer<byte[], byte[]> consumer;
        /** 暂停中的分区：未完成的记录、重试进度与到期时刻。 */
        private final Map<TopicPartition, Held> held = new HashMap<>();
        private volatile boolean running = true;
        private Thread thread;

        Worker(Consumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void run() {
            try {
                consumer.subscribe(topics(), this);
                while (running) {
                    retryDue();
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(nextPollTimeout());
                    for (TopicPartition tp : records.partitions()) {
                        handle(tp, toTaskRecords(records.records(tp)), null);
                    }
                }
            } catch (WakeupException e) {
                if (running) {
                    LOG.error("task consumer woken up unexpectedly", e);
                }
            } catch (RuntimeException e) {
                // 消费线程意外退出会让健康检查变为 DOWN，交给编排系统重启
                LOG.error("task consumer loop stopped", e);
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }

        /** 分发一个分区的记录：全部完成则提交；否则提交已完成的部分，其余留待退避期满后重试。 */
        private void handle(TopicPartition tp, List<TaskRecord> batch, RetryState retry) {
            long first = batch.get(0).offset();
            try {
                DispatchPass pass = dispatcher.dispatchOnce(batch, retry);
                if (pass.isComplete()) {
                    long next = batch.get(batch.size() - 1).offset() + 1;
                    commit(tp, next);
                    LOG.debug("{}: processed={} deadLettered={} committed={}", tp, pass.report().processed(),
                            pass.report().deadLettered(), next);
                    return;
                }
                RetryState next = pass.retry();
                if (next.offset() > first) {
                    commit(tp, next.offset());
                }
                LOG.debug("{}@{}: attempt {} failed, partition paused for {} ms", tp, next.offset(), next.attempts(),
                        pass.delay().toMillis());
                hold(tp, from(batch, next.offset()), next, pass.delay());
            } catch (TaskDeliveryException e) {
                // 既没处理成功也没进死信：提交它之前的偏移量，暂停后从它开始重新分发（重新计数）
                long failed = e.record().offset();
                if (failed > first) {
                    commit(tp, failed);
                }
                LOG.error("{}@{} not handled, will retry in {} ms: {}", tp, failed, config.getFailurePause().toMillis(),
                        e.getCause() == null ? e : e.getCause().toString());
                hold(tp, from(batch, failed), null, config.getFailurePause());
            } catch (WakeupException e) {
                // 正在关闭：未提交的记录留给下一个持有者重新消费
                throw e;
            } catch (RuntimeException e) {
                LOG.error("{}: dispatch failed, will retry from {} in {} ms", tp, first, config.getFailurePause().toMillis(), e);
                hold(tp, batch, retry, config.getFailurePause());
            }
        }

        /** 同步提交；失败（例如分区已在重平衡中被收回）只记日志：未提交的记录会被重新消费，符合至少一次。 */
        private void commit(TopicPartition tp, long offset) {
            try {
                consumer.commitSync(Map.of(tp, new OffsetAndMetadata(offset)));
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warn("{}: commit of offset {} failed, records after the last commit will be re-consumed: {}",
                        tp, offset, e.toString());
            }
        }

        /**
         * 暂停分区并把未完成的记录留在内存，到期后由 {@link #retryDue()} 重新分发。消费位置本来就在这些记录之后，
         * 所以不回退、也不重新拉取；分区已不属于本消费者时丢弃（新的持有者从已提交的偏移量重新消费）。
         */
        private void hold(TopicPartition tp, List<TaskRecord> records, RetryState retry, Duration delay) {
            if (!consumer.assignment().contains(tp)) {
                return;
            }
            consumer.pause(List.of(tp));
            held.put(tp, new Held(records, retry, System.nanoTime() + delay.toNanos()));
        }

        /** 重新分发退避期满的分区；完成后恢复拉取。 */
        private void retryDue() {
            if (held.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            for (TopicPartition tp : new ArrayList<>(held.keySet())) {
                Held h = held.get(tp);
                if (h.dueNanos() - now > 0) {
                    continue;
                }
                held.remove(tp);
                handle(tp, h.records(), h.retry());
                if (!held.containsKey(tp) && consumer.assignment().contains(tp)) {
                    consumer.resume(List.of(tp));
                }
            }
        }

        /** poll 最多等到最近一个暂停分区到期，重试不会因 poll 等待而推迟。 */
        private Duration nextPollTimeout() {
            long wait = config.getPollTimeout().toNanos();
            long now = System.nanoTime();
            for (Held h : held.values()) {
                wait = Math.min(wait, h.dueNanos() - now);
            }
            return Duration.ofNanos(Math.max(0, wait));
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            assignedPartitions.addAndGet(-partitions.size());
            partitions.forEach(held::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assignedPartitions.addAndGet(partitions.size());
            // 新分配的分区从已提交的偏移量开始；保险起见确保它不带着上一次持有时的暂停状态
            consumer.resume(partitions);
            pinStartingPositions(partitions);
        }

        /**
         * 本组在该分区还没有提交过偏移量时（新部署的消费组），立即把按 auto.offset.reset 得到的起点提交下来。
         * 否则第一次提交之前发生的重平衡（例如第二个消费线程或实例加入）会让新持有者再按 latest 重置，
         * 把上一个持有者已拉到、还在重试中的记录跳过去：记录丢失。
         */
        private void pinStartingPositions(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            try {
                Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
                Map<TopicPartition, OffsetAndMetadata> initial = new HashMap<>();
                for (TopicPartition tp : partitions) {
                    if (committed.get(tp) == null) {
                        initial.put(tp, new OffsetAndMetadata(consumer.position(tp)));
                    }
                }
                if (!initial.isEmpty()) {
                    consumer.commitSync(initial);
                    LOG.info("no committed offsets yet for {}: starting positions committed", initial.keySet());
                }
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warn("could not commit the starting positions of {}: {}", partitions, e.toString());
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            assignedPartitions.addAndGet(-partitions.size());
            partitions.forEach(held::remove);
        }
    }

    private static List<TaskRecord> toTaskRecords(List<ConsumerRecord<byte[], byte[]>> records) {
        List<TaskRecord> out = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            out.add(new TaskRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value()));
        }
        return out;
    }

    /** 从偏移量 offset 起的记录。 */
    private static List<TaskRecord> from(List<TaskRecord> records, long offset) {
        int i = 0;
        while (i < records.size() - 1 && records.get(i).offset() < offset) {
            i++;
        }
        return records.subList(i, records.size());
    }

    /**
     * 暂停中的分区留下的工作。
     *
     * @param records  尚未完成的记录（从重试位置起）
     * @param retry    重试进度，从头计数时为 null
     * @param dueNanos 重新分发的时刻（System.nanoTime）
     */
    private record Held(List<TaskRecord> records, RetryState retry, long dueNanos) {
    }
}
