package com.acme.im.audit;

import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.MessageMaskedEvent;
import com.acme.im.proto.repo.v1.AuditHit;
import com.acme.im.testsupport.RepoAppProcess;
import com.acme.im.task.kafka.TaskConsumerRunner;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mask 策略：命中敏感词的消息被记录、在 repo 中被遮蔽，会话的在线成员收到 message_masked 下行事件；
 * 重复投递不产生第二条记录。
 */
@MicronautTest(environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditMaskIT implements TestPropertyProvider {

    AuditScenario scenario;
    @Inject
    TaskConsumerRunner runner;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("grpc.channels.repo-app.address", RepoAppProcess.address(),
                "im.task.consumer.group-id", "audit-mask-it-" + UUID.randomUUID(),
                "im.audit.policy", "mask");
    }

    @AfterAll
    void close() throws Exception {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void hitIsRecordedMaskedAndAnnouncedToOnlineMembers() throws Exception {
        scenario = new AuditScenario();
        await().atMost(Duration.ofSeconds(30)).until(() -> runner.assignedPartitions() > 0);
        scenario.sendAndAudit("今天天气很好");
        Message bad = scenario.sendAndAudit("有人在群里发 SCAM LINK，说能代开发票");
        await().atMost(Duration.ofSeconds(20)).until(() -> !scenario.downstream.isEmpty());

        String masked = "有人在群里发 *********，说能****";
        assertEquals(masked, scenario.storedContent(bad.getId()));
        List<AuditHit> hits = scenario.hits();
        assertEquals(1, hits.size());
        assertEquals(bad.getId(), hits.get(0).getMessageId());
        assertEquals("mask", hits.get(0).getAction());
        assertEquals(List.of("scam link", "代开发票"), hits.get(0).getWordsList());

        DownstreamDelivery d = scenario.downstream.get(0);
        assertEquals(scenario.gateway, d.getGatewayId());
        assertEquals(List.of(scenario.bob), d.getTargetsList().stream().map(t -> t.getUserId()).toList());
        MessageMaskedEvent event = d.getMessageMasked();
        assertEquals(bad.getId(), event.getMessageId());
        assertEquals(scenario.conversationId, event.getConversationId());
        assertEquals(bad.getSeq(), event.getSeq());
        assertEquals(masked, event.getMaskedContent());

        // 重投：记录仍只有一条
        scenario.audit(bad);
        await().atMost(Duration.ofSeconds(20)).until(() -> scenario.downstream.size() >= 2);
        assertEquals(1, scenario.hits().size());
        assertTrue(scenario.downstream.stream().allMatch(DownstreamDelivery::hasMessageMasked));
    }
}
