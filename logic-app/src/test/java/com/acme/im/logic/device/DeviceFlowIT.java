package com.acme.im.logic.device;

import com.acme.im.logic.support.DownstreamProbe;
import com.acme.im.logic.support.LogicItSupport;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.SessionRevocation;
import com.acme.im.proto.logic.v1.Device;
import com.acme.im.proto.logic.v1.DeviceServiceGrpc;
import com.acme.im.proto.logic.v1.ListDevicesRequest;
import com.acme.im.proto.logic.v1.LoginRequest;
import com.acme.im.proto.logic.v1.LoginResponse;
import com.acme.im.proto.logic.v1.PushTokenServiceGrpc;
import com.acme.im.proto.logic.v1.RegisterPushTokenRequest;
import com.acme.im.proto.logic.v1.RegisterResponse;
import com.acme.im.proto.logic.v1.RevokeDeviceRequest;
import com.acme.im.proto.logic.v1.ValidateTokenRequest;
import com.acme.im.proto.logic.v1.RemovePushTokenRequest;
import com.acme.im.runtime.delivery.ConnectionIds;
import com.acme.im.runtime.kafka.Topics;
import com.google.protobuf.InvalidProtocolBufferException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 我的设备（真实 Kafka 与 repo-app）：列出有效会话（设备 ID、平台、在线网关、本机标记），
 * 远程登出走登出的吊销路径（广播吊销、通知网关关闭连接、令牌失效）并删除推送令牌；别人的设备 1004。
 */
@MicronautTest
class DeviceFlowIT extends LogicItSupport {

    @Test
    void listAndRevokeADevice() throws Exception {
        RegisterResponse web = register("dv_alice");
        long alice = web.getUser().getId();
        LoginResponse phone = auth().login(LoginRequest.newBuilder().setUsername("dv_alice_" + run)
                .setPassword("correct-horse-battery").setDeviceId("phone-" + run).build());
        String webSid = sessionOf(web.getTokens().getAccessToken());
        String phoneSid = sessionOf(phone.getTokens().getAccessToken());
        String gateway = "dv-gw-" + run;
        connect(alice, gateway, ConnectionIds.newId(phoneSid));
        PushTokenServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .registerPushToken(RegisterPushTokenRequest.newBuilder().setUserId(alice).setPlatform("fcm")
                        .setToken("fcm-" + run).setDeviceId("phone-" + run).build());

        List<Device> listed = devices().listDevices(ListDevicesRequest.newBuilder().setUserId(alice)
                .setCurrentSessionId(webSid).build()).getDevicesList();
        assertEquals(2, listed.size());
        Device phoneDevice = listed.get(0);
        assertEquals("phone-" + run, phoneDevice.getDeviceId(), "newest login first");
        assertEquals("fcm", phoneDevice.getPlatform());
        assertTrue(phoneDevice.getOnline());
        assertEquals(List.of(gateway), phoneDevice.getGatewayIdsList());
        assertFalse(phoneDevice.getCurrent());
        Device webDevice = listed.get(1);
        assertEquals("", webDevice.getDeviceId());
        assertFalse(webDevice.getOnline());
        assertTrue(webDevice.getCurrent());

        // 别人不能登出 alice 的设备，也看不出它存在
        long bob = register("dv_bob").getUser().getId();
        assertEquals(1004, errorCodeOf(() -> devices().revokeDevice(RevokeDeviceRequest.newBuilder()
                .setUserId(bob).setDeviceId("phone-" + run).build())));
        assertEquals(1001, errorCodeOf(() -> devices().revokeDevice(RevokeDeviceRequest.newBuilder()
                .setUserId(alice).setDeviceId("").build())));

        try (DownstreamProbe probe = DownstreamProbe.listen(List.of(Topics.SESSION_REVOCATIONS, Topics.downstream(gateway)))) {
            assertEquals(List.of(phoneSid), devices().revokeDevice(RevokeDeviceRequest.newBuilder()
                    .setUserId(alice).setDeviceId("phone-" + run).build()).getSessionIdsList());
            // 网关收到“关闭该会话的连接”
            DownstreamDelivery close = probe.awaitDelivery(Topics.downstream(gateway), DownstreamDelivery::hasSessionRevoked);
            assertEquals(phoneSid, close.getSessionRevoked().getSessionId());
            // 各网关的令牌缓存收到吊销广播
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.records().stream()
                    .filter(r -> r.topic().equals(Topics.SESSION_REVOCATIONS))
                    .map(DeviceFlowIT::parse)
                    .anyMatch(rev -> rev.getUserId() == alice && rev.getSessionId().equals(phoneSid)));
        }
        assertEquals(1002, errorCodeOf(() -> sessionOf(phone.getTokens().getAccessToken())));
        assertEquals(webSid, sessionOf(web.getTokens().getAccessToken()), "the other device stays signed in");
        // 被登出设备的推送令牌已删除
        assertEquals(1004, errorCodeOf(() -> PushTokenServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .removePushToken(RemovePushTokenRequest.newBuilder().setUserId(alice).setDeviceId("phone-" + run).build())));
        assertEquals(1, devices().listDevices(ListDevicesRequest.newBuilder().setUserId(alice).build()).getDevicesCount());
        assertEquals(1004, errorCodeOf(() -> devices().revokeDevice(RevokeDeviceRequest.newBuilder()
                .setUserId(alice).setDeviceId("phone-" + run).build())));
    }

    private String sessionOf(String accessToken) {
        return auth().validateToken(ValidateTokenRequest.newBuilder().setAccessToken(accessToken).build()).getSessionId();
    }

    private DeviceServiceGrpc.DeviceServiceBlockingStub devices() {
        return DeviceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static SessionRevocation parse(ConsumerRecord<String, byte[]> r) {
        try {
            return SessionRevocation.parseFrom(r.value());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
