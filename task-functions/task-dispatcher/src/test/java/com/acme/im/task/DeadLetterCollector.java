package com.acme.im.task;

import com.acme.im.proto.event.v1.DeadLetter;
import com.acme.im.runtime.kafka.Topics;
import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * 测试用：后台读取死信 Topic，只保留来源 Topic 带本次运行标识的死信。
 */
public final class DeadLetterCollector implements AutoCloseable {

    private final List<DeadLetter> letters = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public DeadLetterCollector(String bootstrap, String runId) {
        this(bootstrap, d -> d.getSourceTopic().contains(runId));
    }

    /** 只保留满足条件的死信（例如原始任务 ID 带本次运行标识）。 */
    public DeadLetterCollector(String bootstrap, java.util.function.Predicate<DeadLetter> filter) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-collector-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.DEAD_LETTER));
        // 先完成分区分配，之后写入的死信都能读到
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100));
        }
        thread = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        try {
                            DeadLetter d = DeadLetter.parseFrom(r.value());
                            if (filter.test(d)) {
                                letters.add(d);
                            }
                        } catch (InvalidProtocolBufferException ignored) {
                            // 不是死信格式的记录与本测试无关
                        }
                    }
                }
            }
        }, "dlq-collector");
        thread.start();
    }

    public List<DeadLetter> letters() {
        return letters;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
