package com.acme.im.task.kafka;

import com.acme.im.runtime.kafka.Topics;
import com.acme.im.task.DispatchReport;
import com.acme.im.task.TaskDeliveryException;
import com.acme.im.task.TaskDispatcher;
import com.acme.im.task.TaskRecord;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * 常驻（java -jar）运行时：订阅已注册任务类型各自的 Topic（Topics.task(type)），把记录交给分发器，
 * 分发器返回（成功或已写死信）后才同步提交偏移量。
 * 订阅列表来自处理器注册而非注解常量，所以这里直接使用 KafkaConsumer 而不是 @KafkaListener。
 * 在 Lambda（function 环境）中不创建，Lambda 由事件源映射负责拉取。
 */
@Context
@Requires(notEnv = Environment.FUNCTION)
@Requires(property = "im.task.consumer.enabled", notEquals = "false")
public class TaskConsumerRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TaskConsumerRunner.class);

    private final TaskDispatcher dispatcher;
    private final TaskConsumerConfiguration config;
    private final String bootstrapServers;
    private final String groupId;
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final AtomicInteger assignedPartitions = new AtomicInteger();

    public TaskConsumerRunner(TaskDispatcher dispatcher,
                              TaskConsumerConfiguration config,
                              @Value("${kafka.bootstrap.servers:127.0.0.1:9092}") String bootstrapServers,
                              @Value("${micronaut.application.name:task-function}") String applicationName) {
        this.dispatcher = dispatcher;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.groupId = config.getGroupId() == null || config.getGroupId().isBlank() ? applicationName : config.getGroupId();
    }

    /** 订阅的 Topic：每种已注册类型一个。 */
    public List<String> topics() {
        return dispatcher.taskTypes().stream().map(Topics::task).toList();
    }

    /** 消费组名。 */
    public String groupId() {
        return groupId;
    }

    @PostConstruct
    void start() {
        for (int i = 0; i < config.getThreads(); i++) {
            Worker w = new Worker(newConsumer());
            workers.add(w);
            Thread t = new Thread(w, groupId + "-consumer-" + i);
            t.setDaemon(false);
            w.thread = t;
            t.start();
        }
        LOG.info("task consumer started: group={} topics={} threads={}", groupId, topics(), config.getThreads());
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

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, config.getAutoOffsetReset());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.getMaxPollRecords());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, dispatcher.instanceId() + "-" + workers.size());
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** 一个消费线程：逐分区分发并提交。 */
    private final class Worker implements Runnable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private volatile boolean running = true;
        private Thread thread;

        Worker(KafkaConsumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void run() {
            try {
                consumer.subscribe(topics(), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        assignedPartitions.addAndGet(-partitions.size());
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        assignedPartitions.addAndGet(partitions.size());
                    }

                    @Override
                    public void onPartitionsLost(Collection<TopicPartition> partitions) {
                        assignedPartitions.addAndGet(-partitions.size());
                    }
                });
                while (running) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(config.getPollTimeout());
                    boolean rewound = false;
                    for (TopicPartition tp : records.partitions()) {
                        List<ConsumerRecord<byte[], byte[]>> partitionRecords = records.records(tp);
                        if (rewound) {
                            // 前面的分区发生回退：本轮未处理的分区也退回，下次 poll 重新取到
                            consumer.seek(tp, partitionRecords.get(0).offset());
                        } else if (!handlePartition(tp, partitionRecords)) {
                            rewound = true;
                        }
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

        /** 分发一个分区的记录；返回 false 表示发生回退，本轮剩余分区留给下次 poll。 */
        private boolean handlePartition(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> partitionRecords) {
            List<TaskRecord> batch = new ArrayList<>(partitionRecords.size());
            for (ConsumerRecord<byte[], byte[]> r : partitionRecords) {
                batch.add(new TaskRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value()));
            }
            try {
                DispatchReport report = dispatcher.dispatch(batch);
                long next = partitionRecords.get(partitionRecords.size() - 1).offset() + 1;
                consumer.commitSync(Map.of(tp, new OffsetAndMetadata(next)));
                LOG.debug("{}: processed={} deadLettered={} committed={}", tp, report.processed(), report.deadLettered(), next);
                return true;
            } catch (TaskDeliveryException e) {
                // 既没处理成功也没进死信：提交它之前的偏移量，从它开始重新消费
                long failed = e.record().offset();
                if (failed > partitionRecords.get(0).offset()) {
                    consumer.commitSync(Map.of(tp, new OffsetAndMetadata(failed)));
                }
                LOG.error("{}@{} not handled, will retry: {}", tp, failed, e.getCause() == null ? e : e.getCause().toString());
                rewind(tp, failed);
                return false;
            } catch (WakeupException e) {
                // 正在关闭：未提交的记录留给下一个实例重新消费
                throw e;
            } catch (RuntimeException e) {
                LOG.error("{}: dispatch failed, will re-consume from {}", tp, partitionRecords.get(0).offset(), e);
                rewind(tp, partitionRecords.get(0).offset());
                return false;
            }
        }

        private void rewind(TopicPartition tp, long offset) {
            consumer.seek(tp, offset);
            try {
                Thread.sleep(config.getFailurePause().toMillis());
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }
}
