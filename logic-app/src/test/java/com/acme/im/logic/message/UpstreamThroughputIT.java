package com.acme.im.logic.message;

import com.acme.im.logic.support.DownstreamProbe;
import com.acme.im.logic.support.LogicItSupport;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.MessageAckEvent;
import com.acme.im.runtime.kafka.Topics;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 吞吐与顺序：多个单聊并发发送，全部得到成功 ack，且每个会话内 seq 按发送顺序递增。
 * 打印处理速率（与 Kafka、repo-app、MariaDB 共用 2 核，仅作参考）。
 */
@MicronautTest
class UpstreamThroughputIT extends LogicItSupport {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamThroughputIT.class);
    private static final int USERS = 12;
    private static final int PER_CONVERSATION = 40;

    @Test
    void manyConversationsInParallelKeepPerConversationOrder() {
        String gw = "it-tp-" + run;
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            long id = register("tp" + i).getUser().getId();
            users.add(id);
            connect(id, gw, "c" + i);
        }
        List<long[]> pairs = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            for (int j = i + 1; j < USERS; j++) {
                pairs.add(new long[]{users.get(i), users.get(j), i});
            }
        }
        int total = pairs.size() * PER_CONVERSATION;
        try (DownstreamProbe probe = DownstreamProbe.listen(List.of(Topics.downstream(gw)))) {
            long start = System.nanoTime();
            for (int n = 0; n < PER_CONVERSATION; n++) {
                for (long[] p : pairs) {
                    String conv = single(p[0], p[1]);
                    var m = text(p[0], gw, "c" + p[2], conv, conv + "-" + run + "-" + n, "msg " + n);
                    producer.send(new ProducerRecord<>(upstreamTopic, conv, m.toByteArray()));
                }
            }
            producer.flush();
            List<MessageAckEvent> acks = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> probe.deliveries(Topics.downstream(gw)).stream()
                            .filter(DownstreamDelivery::hasMessageAck).map(DownstreamDelivery::getMessageAck).toList(),
                            l -> l.stream().map(MessageAckEvent::getClientMsgId).distinct().count() >= total);
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.info("processed {} upstream messages over {} conversations in {} s: {} msg/s",
                    total, pairs.size(), String.format("%.2f", seconds), String.format("%.0f", total / seconds));

            Map<String, Long> lastSeq = new HashMap<>();
            Map<String, Integer> lastIndex = new HashMap<>();
            Map<String, MessageAckEvent> firstAck = new HashMap<>();
            for (MessageAckEvent ack : acks) {
                assertEquals(0, ack.getErrorCode(), ack.getErrorMessage());
                String conv = ack.getConversationId();
                MessageAckEvent seen = firstAck.putIfAbsent(ack.getClientMsgId(), ack);
                if (seen != null) {
                    // 至少一次：批次被重新消费（再均衡、发送失败）时 ack 会重复，但必须是同一条消息
                    assertEquals(seen.getMessageId(), ack.getMessageId(), "a repeated ack names the original message");
                    assertEquals(seen.getSeq(), ack.getSeq());
                    continue;
                }
                int index = Integer.parseInt(ack.getClientMsgId().substring(ack.getClientMsgId().lastIndexOf('-') + 1));
                assertEquals(lastIndex.getOrDefault(conv, -1) + 1, index, "acks of " + conv + " out of send order");
                assertTrue(ack.getSeq() > lastSeq.getOrDefault(conv, 0L), "seq of " + conv + " must grow");
                lastIndex.put(conv, index);
                lastSeq.put(conv, ack.getSeq());
            }
            assertEquals(pairs.size(), lastIndex.size());
        }
    }
}
