package com.acme.im.bench.baseline;

import com.acme.im.bench.BenchContext;
import com.acme.im.bench.BenchOptions;
import com.acme.im.bench.chat.DeliveryLedger;
import com.acme.im.bench.chat.RateScheduler;
import com.acme.im.bench.report.ProcessCpu;
import com.acme.im.bench.report.WorkloadResult;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 基线：同一台机器、同一个 Kafka 上，生产到消费的延迟——经过一个 Topic，以及两个 Topic 串联
 * （一个消费者读第一个 Topic 后立即转发到第二个），即本系统上行 + 下行两跳 Kafka 的下限。
 * 生产者设置与网关上行生产者相同（linger.ms=1、幂等、acks=all），消费者用客户端默认设置；
 * 消息约 100 字节，开环定速，延迟从计划发送时间算起。Topic 只属于压测：bench-baseline-1、bench-baseline-2。
 */
public final class KafkaBaseline {

    static final String TOPIC_1 = "bench-baseline-1";
    static final String TOPIC_2 = "bench-baseline-2";
    private static final String PADDING = "x".repeat(80);

    private KafkaBaseline() {
    }

    public static WorkloadResult run(BenchContext ctx, int hops) throws Exception {
        BenchOptions o = ctx.options();
        String bootstrap = o.string("kafka", "127.0.0.1:9092");
        double rate = o.decimal("baseline-rate", 1000);
        double warmup = o.decimal("warmup", 5);
        double seconds = o.decimal("seconds", 20);
        double drain = o.decimal("drain", 10);
        ensureTopics(bootstrap);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        DeliveryLedger ledger = new DeliveryLedger(start + (long) (warmup * 1e9));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong errors = new AtomicLong();
        String tag = ctx.runTag() + "-k" + hops;
        String lastTopic = hops == 1 ? TOPIC_1 : TOPIC_2;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(bootstrap));
             KafkaConsumer<String, String> last = atEnd(bootstrap, lastTopic);
             KafkaConsumer<String, String> relayIn = hops == 2 ? atEnd(bootstrap, TOPIC_1) : null;
             KafkaProducer<String, String> relayOut = hops == 2 ? new KafkaProducer<>(producerProps(bootstrap)) : null) {
            Thread receiver = new Thread(() -> {
                while (running.get()) {
                    for (ConsumerRecord<String, String> r : last.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        ledger.received(r.value().substring(0, r.value().indexOf(' ')), 0, now);
                    }
                }
            }, "kafka-baseline-receiver");
            Thread relay = hops == 2 ? new Thread(() -> {
                while (running.get()) {
                    for (ConsumerRecord<String, String> r : relayIn.poll(Duration.ofMillis(100))) {
                        relayOut.send(new ProducerRecord<>(TOPIC_2, r.key(), r.value()), (m, e) -> {
                            if (e != null) {
                                errors.incrementAndGet();
                            }
                        });
                    }
                }
            }, "kafka-baseline-relay") : null;
            receiver.start();
            if (relay != null) {
                relay.start();
            }
            Map<String, Long> cpuBefore = ctx.cpu().snapshot();
            long count = RateScheduler.count(rate, warmup + seconds);
            RateScheduler.Result r = RateScheduler.run(start, rate, count, (i, intended) -> {
                String id = tag + "-" + i;
                ledger.sent(id, intended, 0);
                producer.send(new ProducerRecord<>(TOPIC_1, Long.toString(i % 64), id + " " + PADDING), (m, e) -> {
                    if (e != null) {
                        errors.incrementAndGet();
                    }
                });
            });
            long end = System.nanoTime();
            Map<String, Long> cpuAfter = ctx.cpu().snapshot();
            long deadline = end + (long) (drain * 1e9);
            while (!ledger.allDelivered() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            running.set(false);
            receiver.join();
            if (relay != null) {
                relay.join();
            }
            WorkloadResult result = new WorkloadResult("Kafka produce->consume, " + hops + (hops == 1 ? " topic" : " topics in sequence")
                    + String.format(" @%.0f/s", rate), rate, r.achievedRate(), ledger.deliveryLatency(),
                    ledger.reachAllLatency(), ledger.completeness(),
                    errors.get() == 0 ? Map.of() : Map.of("produce-failed", errors.get()),
                    ProcessCpu.cores(cpuBefore, cpuAfter, end - start));
            System.out.printf("[baseline] %s: achieved %.0f/s  %s  completeness %s%n", result.name(), result.achievedRate(),
                    result.latency().format(), result.completeness().format());
            return result;
        }
    }

    private static void ensureTopics(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            for (String t : List.of(TOPIC_1, TOPIC_2)) {
                if (!existing.contains(t)) {
                    try {
                        admin.createTopics(List.of(new NewTopic(t, 3, (short) 1))).all().get(10, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
            }
        }
    }

    private static Properties producerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    /** 手动分配全部分区并定位到末尾：不用等消费组再平衡，也不会读到旧消息。 */
    private static KafkaConsumer<String, String> atEnd(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> c = new KafkaConsumer<>(p);
        List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        c.assign(parts);
        c.seekToEnd(parts);
        parts.forEach(c::position);
        return c;
    }
}
