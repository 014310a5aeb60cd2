package com.acme.im.runtime.kafka;

import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * 按需建 Topic 并取得它的全部分区，供自己 assign 分区的消费者（网关的下行与吊销广播）启动时使用。
 * Topic 通常由 scripts/infra.sh 或 Terraform 建好；缺失时幂等创建，免得应用因部署顺序而启动失败。
 * 管理客户端与消费者用同一套 kafka.* 连接与安全设置（{@link KafkaConsumerProperties#admin}）。
 */
@Singleton
public class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private final KafkaConsumerProperties kafka;

    public TopicProvisioner(KafkaConsumerProperties kafka) {
        this.kafka = kafka;
    }

    /** Topic 不存在时以给定分区数与副本数创建；已存在不算错误。超时或其他失败抛 IllegalStateException。 */
    public void ensure(String topic, int partitions, short replicationFactor, Duration timeout, String clientId) {
        Properties props = kafka.admin(clientId);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (AdminClient admin = AdminClient.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor))).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("created topic {} ({} partitions, replication {})", topic, partitions, replicationFactor);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topic " + topic, e);
        }
    }

    /** Topic 的全部分区；刚创建的 Topic 元数据可能尚未传播，在 timeout 内短暂重试（只在启动时调用）。 */
    public static List<TopicPartition> partitionsOf(Consumer<?, ?> consumer, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no partitions for topic " + topic);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }
}
