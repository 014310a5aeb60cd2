package com.acme.im.repo.presence;

import com.acme.im.proto.common.v1.Presence;
import com.acme.im.proto.repo.v1.GetUserOnlineStatusRequest;
import com.acme.im.proto.repo.v1.GetUsersOnlineStatusRequest;
import com.acme.im.proto.repo.v1.OnlineStatusServiceGrpc;
import com.acme.im.proto.repo.v1.RefreshGatewayRequest;
import com.acme.im.proto.repo.v1.SetUserOfflineRequest;
import com.acme.im.proto.repo.v1.SetUserOnlineRequest;
import com.acme.im.repo.GrpcTestChannel;
import com.acme.im.repo.TestData;
import io.grpc.ManagedChannel;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 在线状态：多网关多连接、批量查询、下线，以及停止续期的网关上的用户在 TTL（测试中 2 秒）后离线。
 */
@MicronautTest
class PresenceIT {

    @Inject
    @Named(GrpcTestChannel.NAME)
    ManagedChannel channel;

    @Inject
    io.lettuce.core.api.StatefulRedisConnection<String, String> redis;

    private OnlineStatusServiceGrpc.OnlineStatusServiceBlockingStub stub() {
        return TestData.deadline(OnlineStatusServiceGrpc.newBlockingStub(channel));
    }

    private static long userId() {
        return ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    }

    private boolean online(long user, String gw, String conn) {
        return stub().setUserOnline(SetUserOnlineRequest.newBuilder().setUserId(user).setGatewayId(gw)
                .setConnectionId(conn).build()).getFirstConnection();
    }

    private boolean offline(long user, String gw, String conn) {
        return stub().setUserOffline(SetUserOfflineRequest.newBuilder().setUserId(user).setGatewayId(gw)
                .setConnectionId(conn).build()).getLastConnection();
    }

    private Presence presence(long user) {
        return stub().getUserOnlineStatus(GetUserOnlineStatusRequest.newBuilder().setUserId(user).build()).getPresence();
    }

    @Test
    void severalConnectionsOnSeveralGateways() {
        long user = userId();
        long other = userId();
        String gw1 = TestData.unique("gw");
        String gw2 = TestData.unique("gw");
        assertFalse(presence(user).getOnline());
        assertTrue(online(user, gw1, "c1"));
        assertFalse(online(user, gw1, "c2"));
        assertFalse(online(user, gw2, "c3"));

        List<Presence> batch = stub().getUsersOnlineStatus(GetUsersOnlineStatusRequest.newBuilder()
                .addUserIds(other).addUserIds(user).build()).getPresencesList();
        assertEquals(List.of(other, user), batch.stream().map(Presence::getUserId).toList());
        assertFalse(batch.get(0).getOnline());
        assertTrue(batch.get(1).getOnline());
        assertEquals(Set.of(gw1, gw2), Set.copyOf(batch.get(1).getGatewayIdsList()));

        assertFalse(offline(user, gw1, "c1"));
        assertFalse(offline(user, gw2, "c3"));
        assertEquals(List.of(gw1), presence(user).getGatewayIdsList());
        assertTrue(offline(user, gw1, "c2"));
        Presence gone = presence(user);
        assertFalse(gone.getOnline());
        assertTrue(gone.getLastSeen() > 0);
    }

    @Test
    void usersOfASilentGatewayExpireWhileARefreshingGatewayKeepsThem() {
        long user = userId();
        long onlyDead = userId();
        String dead = TestData.unique("gw-dead");
        String alive = TestData.unique("gw-alive");
        online(user, dead, "c1");
        online(user, alive, "c2");
        online(onlyDead, dead, "c3");

        // 存活的网关持续续期，死掉的网关不再续期
        long deadline = System.currentTimeMillis() + 6_000;
        await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(500)).until(() -> {
            stub().refreshGateway(RefreshGatewayRequest.newBuilder().setGatewayId(alive).addUserIds(user).build());
            return !presence(onlyDead).getOnline();
        });
        assertTrue(System.currentTimeMillis() < deadline);
        Presence p = presence(user);
        assertTrue(p.getOnline());
        assertEquals(List.of(alive), p.getGatewayIdsList());

        // 续期的网关也停下后，用户在 TTL 后离线
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() -> !presence(user).getOnline());
        assertEquals(0, stub().refreshGateway(RefreshGatewayRequest.newBuilder().setGatewayId(TestData.unique("gw"))
                .addUserIds(user).build()).getRefreshed());
    }

    @Test
    void aRefreshWithConnectionsRebuildsPresenceAfterRedisLostItsData() {
        long user = userId();
        String gw = "gw-" + user;
        online(user, gw, "c1");
        redis.sync().del("presence:" + user);
        assertFalse(presence(user).getOnline(), "the entry is gone, as after a Redis restart without persistence");

        var r = stub().refreshGateway(RefreshGatewayRequest.newBuilder().setGatewayId(gw)
                .addConnections(com.acme.im.proto.repo.v1.GatewayConnection.newBuilder().setUserId(user).setConnectionId("c1"))
                .build());

        assertEquals(1, r.getRestored());
        Presence p = presence(user);
        assertTrue(p.getOnline());
        assertEquals(List.of(gw), p.getGatewayIdsList());
        // 连接本身的下线照常生效
        assertTrue(offline(user, gw, "c1"));
        assertFalse(presence(user).getOnline());
    }

    @Test
    void badInput() {
        assertEquals(1001, TestData.errorCode(() -> online(0, "gw", "c")));
        assertEquals(1001, TestData.errorCode(() -> online(1, "", "c")));
        assertEquals(1001, TestData.errorCode(() -> online(1, "gw|x", "c")));
        assertEquals(1001, TestData.errorCode(() -> online(1, "gw", "")));
        GetUsersOnlineStatusRequest.Builder tooMany = GetUsersOnlineStatusRequest.newBuilder();
        for (long i = 1; i <= 1001; i++) {
            tooMany.addUserIds(i);
        }
        assertEquals(1001, TestData.errorCode(() -> stub().getUsersOnlineStatus(tooMany.build())));
    }
}
