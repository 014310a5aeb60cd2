package com.acme.im.gateway.auth;

import com.acme.im.proto.event.v1.SessionRevocation;
import com.acme.im.runtime.kafka.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 吊销消费者：属性来自 micronaut-kafka 的消费者配置（kafka.* 能传到它），不用消费组；记录处理改写缓存。
 * 真实 Kafka（scripts/infra.sh）。
 */
@MicronautTest
@Property(name = "kafka.reconnect.backoff.max.ms", value = "1234")
class SessionRevocationListenerTest {

    @Inject
    SessionRevocationListener listener;
    @Inject
    SessionValidityCache cache;
    @Inject
    MeterRegistry meters;

    @Test
    void consumerIsBuiltFromTheMicronautKafkaConfigurationWithoutAGroup() {
        Properties p = listener.consumerProperties();
        assertEquals("1234", String.valueOf(p.get("reconnect.backoff.max.ms")), "kafka.* reaches the consumer");
        assertEquals("127.0.0.1:9092", String.valueOf(p.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)));
        assertFalse(p.containsKey(ConsumerConfig.GROUP_ID_CONFIG), "every gateway reads every partition");
        assertEquals("false", p.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
        assertEquals(ByteArrayDeserializer.class.getName(), p.get(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG));
        await().atMost(Duration.ofSeconds(10)).until(listener::isPolling);
    }

    @Test
    void revocationRecordMarksTheSessionAndBadRecordsAreSkipped() {
        cache.putValid(7, "sess-7");
        byte[] value = SessionRevocation.newBuilder().setUserId(7).setSessionId("sess-7").setRevokedAt(1).build().toByteArray();
        listener.handle(new ConsumerRecord<>(Topics.SESSION_REVOCATIONS, 0, 0, "7".getBytes(), value));
        assertEquals(SessionValidityCache.State.REVOKED, cache.lookup(7, "sess-7"));

        double bad = meters.counter("im.gateway.auth.revocation_bad_records").count();
        listener.handle(new ConsumerRecord<>(Topics.SESSION_REVOCATIONS, 0, 1, null, new byte[]{(byte) 0xff, 1, 2}));
        listener.handle(new ConsumerRecord<>(Topics.SESSION_REVOCATIONS, 0, 2, null, null));
        assertEquals(bad + 2, meters.counter("im.gateway.auth.revocation_bad_records").count());
        assertTrue(listener.isPolling(), "bad records never stop the consumer");
    }
}
