package com.acme.im.audit;

import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.repo.v1.AddSensitiveWordsRequest;
import com.acme.im.proto.repo.v1.AdminServiceGrpc;
import com.acme.im.proto.repo.v1.AuditHit;
import com.acme.im.proto.repo.v1.RemoveSensitiveWordRequest;
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
 * 运行时敏感词表：管理后台经 repo 加词、删词后，正在运行的审核函数在 reload-interval 内采用新词表，不用重启；
 * 配置里的内置词始终有效。
 */
@MicronautTest(environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditWordReloadIT implements TestPropertyProvider {

    AuditScenario scenario;
    @Inject
    TaskConsumerRunner runner;
    @Inject
    SensitiveWordService words;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("grpc.channels.repo-app.address", RepoAppProcess.address(),
                "im.task.consumer.group-id", "audit-reload-it-" + UUID.randomUUID(),
                "im.audit.reload-interval", "300ms");
    }

    @AfterAll
    void close() throws Exception {
        if (scenario != null) {
            scenario.close();
        }
    }

    private static boolean hasHit(List<AuditHit> hits, long messageId) {
        return hits.stream().anyMatch(h -> h.getMessageId() == messageId);
    }

    @Test
    void addedWordHitsWithoutRestartAndRemovedWordStopsHitting() throws Exception {
        scenario = new AuditScenario();
        await().atMost(Duration.ofSeconds(30)).until(() -> runner.assignedPartitions() > 0);
        String word = "rtw" + scenario.runId;
        var admin = AdminServiceGrpc.newBlockingStub(scenario.channel);

        // 加词之前：这个词不命中（内置词照常命中，作为“已审核到这里”的标记）
        Message before = scenario.sendAndAudit("plain " + word);
        Message marker1 = scenario.sendAndAudit("赌博 marker one");
        await().atMost(Duration.ofSeconds(20)).until(() -> hasHit(scenario.hits(), marker1.getId()));
        assertTrue(scenario.hits().stream().noneMatch(h -> h.getMessageId() == before.getId()));

        long version = admin.addSensitiveWords(AddSensitiveWordsRequest.newBuilder().addWords(word).setAdminId(1).build()).getVersion();
        // 自动机按版本重建：等到本实例已采用这个版本
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            words.matcher();
            return words.version() >= version;
        });
        Message after = scenario.sendAndAudit("now " + word + " hits");
        await().atMost(Duration.ofSeconds(20)).until(() -> hasHit(scenario.hits(), after.getId()));
        AuditHit hit = scenario.hits().stream().filter(h -> h.getMessageId() == after.getId()).findFirst().orElseThrow();
        assertEquals(List.of(word), hit.getWordsList());

        long removedVersion = admin.removeSensitiveWord(RemoveSensitiveWordRequest.newBuilder().setWord(word).setAdminId(1).build())
                .getVersion();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            words.matcher();
            return words.version() >= removedVersion;
        });
        Message removed = scenario.sendAndAudit("gone " + word);
        Message marker2 = scenario.sendAndAudit("赌博 marker two");
        await().atMost(Duration.ofSeconds(20)).until(() -> hasHit(scenario.hits(), marker2.getId()));
        assertTrue(scenario.hits().stream().noneMatch(h -> h.getMessageId() == removed.getId()),
                "a removed word must no longer hit");
    }
}
