package com.acme.im.repo.audit;

import com.acme.im.proto.repo.v1.AuditHit;
import com.acme.im.proto.repo.v1.AuditServiceGrpc;
import com.acme.im.proto.repo.v1.GetPushTokensRequest;
import com.acme.im.proto.repo.v1.ListAuditHitsRequest;
import com.acme.im.proto.repo.v1.PushSettingServiceGrpc;
import com.acme.im.proto.repo.v1.PushToken;
import com.acme.im.proto.repo.v1.RecordAuditHitRequest;
import com.acme.im.proto.repo.v1.RegisterPushTokenRequest;
import com.acme.im.repo.GrpcTestChannel;
import com.acme.im.repo.TestData;
import com.acme.im.runtime.conversation.ConversationId;
import io.grpc.ManagedChannel;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 审核记录按消息 ID 幂等；推送令牌登记与关闭。
 */
@MicronautTest
class AuditAndPushIT {

    @Inject
    @Named(GrpcTestChannel.NAME)
    ManagedChannel channel;

    @Test
    void auditHitsAreIdempotentPerMessage() {
        var stub = TestData.deadline(AuditServiceGrpc.newBlockingStub(channel));
        String conv = ConversationId.single(TestData.newUser(channel), TestData.newUser(channel)).value();
        AuditHit hit = AuditHit.newBuilder().setMessageId(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE))
                .setConversationId(conv).setSenderId(1).addWords("bad").addWords("worse").setAction("mask").build();
        assertTrue(stub.recordAuditHit(RecordAuditHitRequest.newBuilder().setHit(hit).build()).getCreated());
        assertFalse(stub.recordAuditHit(RecordAuditHitRequest.newBuilder().setHit(hit).build()).getCreated());
        List<AuditHit> hits = stub.listAuditHits(ListAuditHitsRequest.newBuilder().setConversationId(conv).build()).getHitsList();
        assertEquals(1, hits.size());
        assertEquals(List.of("bad", "worse"), hits.get(0).getWordsList());
        assertEquals(1001, TestData.errorCode(() -> stub.recordAuditHit(RecordAuditHitRequest.newBuilder()
                .setHit(hit.toBuilder().setAction("delete")).build())));
    }

    @Test
    void pushTokensCanBeRegisteredAndDisabled() {
        var stub = TestData.deadline(PushSettingServiceGrpc.newBlockingStub(channel));
        long user = TestData.newUser(channel);
        PushToken token = PushToken.newBuilder().setUserId(user).setDeviceId("d1").setPlatform("fcm").setToken("t1").build();
        stub.registerPushToken(RegisterPushTokenRequest.newBuilder().setToken(token).setEnabled(true).build());
        stub.registerPushToken(RegisterPushTokenRequest.newBuilder().setToken(token.toBuilder().setToken("t2")).setEnabled(true).build());
        assertEquals(List.of("t2"), stub.getPushTokens(GetPushTokensRequest.newBuilder().addUserIds(user).build())
                .getTokensList().stream().map(PushToken::getToken).toList());
        stub.registerPushToken(RegisterPushTokenRequest.newBuilder().setToken(token).setEnabled(false).build());
        assertEquals(0, stub.getPushTokens(GetPushTokensRequest.newBuilder().addUserIds(user).build()).getTokensCount());
        assertEquals(2000, TestData.errorCode(() -> stub.registerPushToken(RegisterPushTokenRequest.newBuilder()
                .setToken(token.toBuilder().setUserId(Long.MAX_VALUE)).setEnabled(true).build())));
    }
}
