package com.acme.im.audit;

import com.acme.im.proto.common.v1.Message;
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
 * flag 策略（默认）：命中只记录，消息内容不变，也不通知任何人；干净的消息没有记录。
 */
@MicronautTest(environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditFlagIT implements TestPropertyProvider {

    AuditScenario scenario;
    @Inject
    TaskConsumerRunner runner;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("grpc.channels.repo-app.address", RepoAppProcess.address(),
                "im.task.consumer.group-id", "audit-flag-it-" + UUID.randomUUID());
    }

    @AfterAll
    void close() throws Exception {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void hitIsOnlyFlagged() throws Exception {
        scenario = new AuditScenario();
        await().atMost(Duration.ofSeconds(30)).until(() -> runner.assignedPartitions() > 0);
        Message clean = scenario.sendAndAudit("周末一起去爬山吗");
        Message bad = scenario.sendAndAudit("这个赌博网站不要点");
        await().atMost(Duration.ofSeconds(20)).until(() -> !scenario.hits().isEmpty());
        List<AuditHit> hits = scenario.hits();
        assertEquals(1, hits.size());
        assertEquals(bad.getId(), hits.get(0).getMessageId());
        assertEquals("flag", hits.get(0).getAction());
        assertEquals(List.of("赌博"), hits.get(0).getWordsList());
        assertEquals("这个赌博网站不要点", scenario.storedContent(bad.getId()));
        assertEquals("周末一起去爬山吗", scenario.storedContent(clean.getId()));
        assertTrue(scenario.downstream.isEmpty());
    }
}
