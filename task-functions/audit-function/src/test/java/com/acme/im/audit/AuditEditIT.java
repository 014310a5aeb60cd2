package com.acme.im.audit;

import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.repo.v1.AuditHit;
import com.acme.im.proto.repo.v1.EditMessageRequest;
import com.acme.im.proto.repo.v1.MessageServiceGrpc;
import com.acme.im.task.kafka.TaskConsumerRunner;
import com.acme.im.testsupport.RepoAppProcess;
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
 * 编辑后的审核：新内容带 edited_at 再审一次，命中另记一条并只遮蔽该版本；
 * 对旧版本的审核结果晚到时不覆盖已编辑的新内容，也不发遮蔽通知。
 */
@MicronautTest(environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditEditIT implements TestPropertyProvider {

    AuditScenario scenario;
    @Inject
    TaskConsumerRunner runner;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("grpc.channels.repo-app.address", RepoAppProcess.address(),
                "im.task.consumer.group-id", "audit-edit-it-" + UUID.randomUUID(),
                "im.audit.policy", "mask");
    }

    @AfterAll
    void close() throws Exception {
        if (scenario != null) {
            scenario.close();
        }
    }

    private Message edit(Message m, String content) {
        return MessageServiceGrpc.newBlockingStub(scenario.channel).editMessage(EditMessageRequest.newBuilder()
                .setMessageId(m.getId()).setConversationId(m.getConversationId()).setActorId(m.getSenderId())
                .setContent(content).build()).getMessage();
    }

    @Test
    void editedTextIsAuditedAndAStaleAuditDoesNotOverwriteIt() throws Exception {
        scenario = new AuditScenario();
        await().atMost(Duration.ofSeconds(30)).until(() -> runner.assignedPartitions() > 0);

        // 原文有敏感词，审核还没跑就被改成干净的内容：旧版本的审核晚到
        Message stale = scenario.sendWithoutAudit("快来买 SCAM LINK");
        edit(stale, "快来看看新品");
        scenario.audit(stale);
        // 原文干净，编辑后出现敏感词：新版本的审核
        Message clean = scenario.sendWithoutAudit("今天天气很好");
        Message edited = edit(clean, "今天可以代开发票");
        scenario.audit(edited);

        await().atMost(Duration.ofSeconds(20)).until(() -> !scenario.downstream.isEmpty());
        assertEquals("今天可以****", scenario.storedContent(clean.getId()));
        assertEquals("快来看看新品", scenario.storedContent(stale.getId()), "stale audit must not overwrite the edit");

        List<AuditHit> hits = scenario.hits();
        assertEquals(2, hits.size(), hits.toString());
        AuditHit editedHit = hits.stream().filter(h -> h.getMessageId() == clean.getId()).findFirst().orElseThrow();
        assertEquals(edited.getEditedAt(), editedHit.getEditedAt());
        assertTrue(edited.getEditedAt() > 0);
        AuditHit staleHit = hits.stream().filter(h -> h.getMessageId() == stale.getId()).findFirst().orElseThrow();
        assertEquals(0, staleHit.getEditedAt(), "the original version's hit is kept for the record");

        // 同一分区按序处理：新版本的通知到达时旧版本的任务早已处理完，它没有发通知
        assertTrue(scenario.downstream.stream().allMatch(DownstreamDelivery::hasMessageMasked));
        assertEquals(List.of(clean.getId()), scenario.downstream.stream()
                .map(d -> d.getMessageMasked().getMessageId()).distinct().toList());
    }
}
