package com.acme.im.logic.push;

import com.acme.im.logic.support.LogicItSupport;
import com.acme.im.proto.logic.v1.PushTokenServiceGrpc;
import com.acme.im.proto.logic.v1.RegisterPushTokenRequest;
import com.acme.im.proto.logic.v1.RemovePushTokenRequest;
import com.acme.im.proto.repo.v1.GetPushTokensRequest;
import com.acme.im.proto.repo.v1.PushSettingServiceGrpc;
import com.acme.im.proto.repo.v1.PushToken;
import com.acme.im.testsupport.RepoAppProcess;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 推送令牌经 logic 登记与删除（真实 repo-app）：平台、令牌、设备 ID 的校验（1001），
 * 令牌换账号时转到新用户，只能删除自己的令牌（别人的设备 1004）。
 */
@MicronautTest
class PushTokenIT extends LogicItSupport {

    private final ManagedChannel repo = ManagedChannelBuilder.forTarget(RepoAppProcess.address()).usePlaintext().build();

    @AfterAll
    void closeRepo() {
        repo.shutdownNow();
    }

    @Test
    void registerMoveAndRemove() {
        long alice = register("pt_alice").getUser().getId();
        long bob = register("pt_bob").getUser().getId();
        String token = "apns-token-" + run;
        tokens().registerPushToken(request(alice, "apns", token, "phone-" + run));
        assertEquals(List.of(token), tokensOf(alice));

        // 同一台手机换 bob 登录：令牌转到 bob，alice 的离线通知不会再发到这台手机
        tokens().registerPushToken(request(bob, "apns", token, "phone-" + run));
        assertEquals(List.of(token), tokensOf(bob));
        assertEquals(List.of(), tokensOf(alice));

        // alice 删不掉 bob 的令牌（她自己在这个设备 ID 上没有令牌）
        assertEquals(1004, errorCodeOf(() -> tokens().removePushToken(RemovePushTokenRequest.newBuilder()
                .setUserId(alice).setDeviceId("phone-" + run).build())));
        tokens().removePushToken(RemovePushTokenRequest.newBuilder().setUserId(bob).setDeviceId("phone-" + run).build());
        assertEquals(List.of(), tokensOf(bob));
    }

    @Test
    void badInputIsRejected() {
        long carol = register("pt_carol").getUser().getId();
        assertEquals(1001, errorCodeOf(() -> tokens().registerPushToken(request(carol, "APNS", "t", "d"))));
        assertEquals(1001, errorCodeOf(() -> tokens().registerPushToken(request(carol, "", "t", "d"))));
        assertEquals(1001, errorCodeOf(() -> tokens().registerPushToken(request(carol, "fcm", "x".repeat(513), "d"))));
        assertEquals(1001, errorCodeOf(() -> tokens().registerPushToken(request(carol, "fcm", "", "d"))));
        assertEquals(1001, errorCodeOf(() -> tokens().registerPushToken(request(carol, "fcm", "t", "d".repeat(129)))));
        assertEquals(1001, errorCodeOf(() -> tokens().registerPushToken(request(carol, "fcm", "t", "手机"))));
        assertEquals(1001, errorCodeOf(() -> tokens().removePushToken(RemovePushTokenRequest.newBuilder()
                .setUserId(carol).setDeviceId("").build())));
        assertEquals(List.of(), tokensOf(carol));
    }

    private static RegisterPushTokenRequest request(long user, String platform, String token, String device) {
        return RegisterPushTokenRequest.newBuilder().setUserId(user).setPlatform(platform).setToken(token)
                .setDeviceId(device).build();
    }

    private List<String> tokensOf(long user) {
        return PushSettingServiceGrpc.newBlockingStub(repo).withDeadlineAfter(10, TimeUnit.SECONDS)
                .getPushTokens(GetPushTokensRequest.newBuilder().addUserIds(user).build())
                .getTokensList().stream().map(PushToken::getToken).toList();
    }

    private PushTokenServiceGrpc.PushTokenServiceBlockingStub tokens() {
        return PushTokenServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }
}
