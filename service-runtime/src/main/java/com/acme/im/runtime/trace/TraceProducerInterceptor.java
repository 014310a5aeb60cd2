package com.acme.im.runtime.trace;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.Map;

/**
 * Kafka 生产者拦截器：每条记录都带上当前线程的追踪 ID。
 * 以 kafka.producers.default.interceptor.classes 配置启用，所有生产者无需逐个处理。
 */
public class TraceProducerInterceptor implements ProducerInterceptor<Object, Object> {

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        KafkaTraceHeaders.write(record.headers());
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        // 无需处理
    }

    @Override
    public void close() {
        // 无资源
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // 无配置
    }
}
