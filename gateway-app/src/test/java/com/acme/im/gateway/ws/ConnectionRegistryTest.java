package com.acme.im.gateway.ws;

import com.acme.im.gateway.auth.AuthenticatedUser;
import com.acme.im.proto.event.v1.DeliveryTarget;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionRegistryTest {

    private final ConnectionRegistry registry = new ConnectionRegistry();

    static Connection connection(String id, long userId, String sid) {
        return new Connection(id, new AuthenticatedUser(userId, "u" + userId, sid), new RecordingSession(id),
                new SerialLane(Runnable::run, 10), 0);
    }

    private List<String> ids(DeliveryTarget target) {
        return registry.resolve(target).stream().map(Connection::id).sorted().toList();
    }

    @Test
    void targetsAllConnectionsOfTheUserMinusTheExcludedOne() {
        registry.register(connection("a1", 1, "s"));
        registry.register(connection("a2", 1, "s"));
        registry.register(connection("b1", 2, "s"));

        assertEquals(List.of("a1", "a2"), ids(DeliveryTarget.newBuilder().setUserId(1).build()));
        assertEquals(List.of("a2"), ids(DeliveryTarget.newBuilder().setUserId(1).setExcludeConnectionId("a1").build()));
        assertEquals(List.of(), ids(DeliveryTarget.newBuilder().setUserId(3).build()));
    }

    @Test
    void aConnectionIdTargetsOnlyThatConnectionAndOnlyForItsOwner() {
        registry.register(connection("a1", 1, "s"));
        registry.register(connection("a2", 1, "s"));
        registry.register(connection("b1", 2, "s"));

        assertEquals(List.of("a2"), ids(DeliveryTarget.newBuilder().setUserId(1).setConnectionId("a2").build()));
        // 连接 ID 属于别的用户：不投递，防止串号
        assertEquals(List.of(), ids(DeliveryTarget.newBuilder().setUserId(1).setConnectionId("b1").build()));
        // 连接已不在本网关
        assertEquals(List.of(), ids(DeliveryTarget.newBuilder().setUserId(1).setConnectionId("gone").build()));
        assertEquals(List.of(), ids(DeliveryTarget.newBuilder().setUserId(1).setConnectionId("a2").setExcludeConnectionId("a2").build()));
    }

    @Test
    void unregisterReportsWhenTheUsersLastConnectionLeaves() {
        Connection a1 = connection("a1", 1, "s");
        Connection a2 = connection("a2", 1, "s");
        registry.register(a1);
        registry.register(a2);
        assertEquals(List.of(1L), registry.userIds());

        assertFalse(registry.unregister(a1));
        assertTrue(registry.unregister(a2));
        assertEquals(List.of(), registry.userIds());
        assertEquals(0, registry.size());
        assertEquals(List.of(), ids(DeliveryTarget.newBuilder().setUserId(1).build()));
    }
}
