package com.acme.im.task.deadletter;

import com.acme.im.runtime.kafka.Topics;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * 死信生产者。同步发送并等待全部副本确认：只有死信写成功，原记录的偏移量才允许提交。
 */
@KafkaClient(id = "task-dead-letter", acks = KafkaClient.Acknowledge.ALL)
public interface DeadLetterPublisher {

    /** 写入一条死信（值为 im.event.v1.DeadLetter 的字节），键沿用原记录的键。 */
    @Topic(Topics.DEAD_LETTER)
    RecordMetadata publish(@KafkaKey byte[] key, byte[] deadLetter);
}
