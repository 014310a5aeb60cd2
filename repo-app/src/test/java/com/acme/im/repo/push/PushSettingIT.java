package com.acme.im.repo.push;

import com.acme.im.proto.repo.v1.GetPushTokensRequest;
import com.acme.im.proto.repo.v1.PushSettingServiceGrpc;
import com.acme.im.proto.repo.v1.PushToken;
import com.acme.im.proto.repo.v1.RegisterPushTokenRequest;
import com.acme.im.proto.repo.v1.RemovePushTokenRequest;
import com.acme.im.repo.GrpcTestChannel;
import com.acme.im.repo.TestData;
import io.grpc.ManagedChannel;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 推送令牌：同一令牌换账号时转到新用户（旧用户不再拿到它）、按设备删除、非法输入 1001。
 */
@MicronautTest
class PushSettingIT {

    @Inject
    @Named(GrpcTestChannel.NAME)
    ManagedChannel channel;

    private PushSettingServiceGrpc.PushSettingServiceBlockingStub stub() {
        return TestData.deadline(PushSettingServiceGrpc.newBlockingStub(channel));
    }

    private void register(long user, String device, String platform, String token) {
        stub().registerPushToken(RegisterPushTokenRequest.newBuilder().setEnabled(true).setToken(PushToken.newBuilder()
                .setUserId(user).setDeviceId(device).setPlatform(platform).setToken(token)).build());
    }

    private List<String> tokensOf(long user) {
        return stub().getPushTokens(GetPushTokensRequest.newBuilder().addUserIds(user).build()).getTokensList().stream()
                .map(t -> t.getDeviceId() + "=" + t.getToken()).toList();
    }

    @Test
    void tokenMovesToTheAccountThatRegistersItLast() {
        long alice = TestData.newUser(channel);
        long bob = TestData.newUser(channel);
        String shared = TestData.unique("tok");
        register(alice, "phone", "apns", shared);
        register(alice, "tablet", "fcm", TestData.unique("tok"));
        // 同一台手机换成 bob 登录（设备 ID 也换了）：令牌离开 alice，alice 的其他设备不受影响
        register(bob, "phone-b", "apns", shared);
        assertEquals(List.of("phone-b=" + shared), tokensOf(bob));
        assertEquals(1, tokensOf(alice).size());
        assertEquals(false, tokensOf(alice).contains("phone=" + shared));
        // 同一用户把令牌挪到另一个设备 ID：只留一份
        register(bob, "phone-c", "apns", shared);
        assertEquals(List.of("phone-c=" + shared), tokensOf(bob));
    }

    @Test
    void sameDeviceIdOfAnotherUserIsNotTouched() {
        long alice = TestData.newUser(channel);
        long bob = TestData.newUser(channel);
        String aliceToken = TestData.unique("tok");
        register(alice, "phone", "fcm", aliceToken);
        // 设备 ID 是客户端自选的，别人用同一个设备 ID 不能抹掉 alice 的登记
        register(bob, "phone", "fcm", TestData.unique("tok"));
        assertEquals(List.of("phone=" + aliceToken), tokensOf(alice));
    }

    @Test
    void removeDeletesOnlyTheCallersDevice() {
        long alice = TestData.newUser(channel);
        long bob = TestData.newUser(channel);
        register(alice, "phone", "fcm", TestData.unique("tok"));
        assertEquals(1004, TestData.errorCode(() -> stub().removePushToken(RemovePushTokenRequest.newBuilder()
                .setUserId(bob).setDeviceId("phone").build())));
        assertEquals(1, tokensOf(alice).size());
        stub().removePushToken(RemovePushTokenRequest.newBuilder().setUserId(alice).setDeviceId("phone").build());
        assertEquals(List.of(), tokensOf(alice));
        assertEquals(1004, TestData.errorCode(() -> stub().removePushToken(RemovePushTokenRequest.newBuilder()
                .setUserId(alice).setDeviceId("phone").build())));
    }

    @Test
    void badInputIsRejectedWith1001() {
        long alice = TestData.newUser(channel);
        assertEquals(1001, TestData.errorCode(() -> register(alice, "phone", "wns", "t")));
        assertEquals(1001, TestData.errorCode(() -> register(alice, "phone", "apns", "x".repeat(513))));
        assertEquals(1001, TestData.errorCode(() -> register(alice, "phone", "apns", "has space")));
        assertEquals(1001, TestData.errorCode(() -> register(alice, "d".repeat(129), "apns", "t")));
        assertEquals(1001, TestData.errorCode(() -> register(alice, "", "apns", "t")));
        assertEquals(1001, TestData.errorCode(() -> stub().removePushToken(RemovePushTokenRequest.newBuilder()
                .setUserId(alice).setDeviceId("").build())));
        assertEquals(List.of(), tokensOf(alice));
    }
}
