package com.acme.im.runtime.delivery;

import com.acme.im.proto.common.v1.Presence;
import com.acme.im.proto.event.v1.DeliveryTarget;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class GatewayRoutingTest {

    private static Presence online(long user, String... gateways) {
        return Presence.newBuilder().setUserId(user).setOnline(true).addAllGatewayIds(List.of(gateways)).build();
    }

    @Test
    void oneEntryPerGatewayCarryingAllItsTargets() {
        List<Presence> presences = List.of(
                online(1, "gw-a"),
                online(2, "gw-a", "gw-b"),
                online(3, "gw-b"),
                Presence.newBuilder().setUserId(4).setOnline(false).build());
        Map<String, List<DeliveryTarget>> byGateway = GatewayRouting.byGateway(presences, GatewayRouting::allConnections);

        assertEquals(2, byGateway.size());
        assertEquals(List.of(1L, 2L), byGateway.get("gw-a").stream().map(DeliveryTarget::getUserId).toList());
        assertEquals(List.of(2L, 3L), byGateway.get("gw-b").stream().map(DeliveryTarget::getUserId).toList());
        assertFalse(byGateway.values().stream().flatMap(List::stream).anyMatch(t -> t.getUserId() == 4));
    }

    @Test
    void senderTargetExcludesTheSendingConnection() {
        DeliveryTarget sender = DeliveryTarget.newBuilder().setUserId(1).setExcludeConnectionId("c-1").build();
        Map<String, List<DeliveryTarget>> byGateway = GatewayRouting.byGateway(
                List.of(online(1, "gw-a", "gw-b"), online(2, "gw-b")),
                user -> user == 1 ? sender : GatewayRouting.allConnections(user));

        assertEquals(List.of(sender), byGateway.get("gw-a"));
        assertEquals("c-1", byGateway.get("gw-b").get(0).getExcludeConnectionId());
        assertEquals("", byGateway.get("gw-b").get(1).getExcludeConnectionId());
    }

    @Test
    void duplicatePresencesDoNotDuplicateTargets() {
        Map<String, List<DeliveryTarget>> byGateway = GatewayRouting.byGateway(
                List.of(online(7, "gw-a", "gw-a"), online(7, "gw-a")), GatewayRouting::allConnections);
        assertEquals(1, byGateway.get("gw-a").size());
    }

    @Test
    void nobodyOnlineMeansNoRecords() {
        assertEquals(0, GatewayRouting.byGateway(List.of(Presence.newBuilder().setUserId(1).build()),
                GatewayRouting::allConnections).size());
    }
}
