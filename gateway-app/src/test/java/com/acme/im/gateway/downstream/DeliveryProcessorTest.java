package com.acme.im.gateway.downstream;

import com.acme.im.gateway.auth.AuthenticatedUser;
import com.acme.im.gateway.ws.Connection;
import com.acme.im.gateway.ws.ConnectionRegistry;
import com.acme.im.gateway.ws.ServerFrames;
import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.event.v1.DeliveryTarget;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.NewMessageEvent;
import com.acme.im.proto.event.v1.SessionRevokedEvent;
import com.acme.im.gateway.ws.ResendConfiguration;
import com.acme.im.gateway.ws.ResendGuard;
import com.acme.im.gateway.ws.SerialLane;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.json.JsonMapper;
import com.acme.im.gateway.ws.RecordingSession;
import io.micronaut.websocket.CloseReason;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryProcessorTest {

    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final DeliveryProcessor processor = new DeliveryProcessor(registry, new ServerFrames(JsonMapper.createDefault()),
            new SimpleMeterRegistry(), new ResendGuard(new ResendConfiguration(java.time.Duration.ofSeconds(30), 1000),
            new SimpleMeterRegistry()));
    private final Map<String, RecordingSession> sessions = new HashMap<>();

    private void connect(String id, long userId, String sid) {
        RecordingSession session = new RecordingSession(id);
        sessions.put(id, session);
        registry.register(new Connection(id, new AuthenticatedUser(userId, "u", sid), session,
                new SerialLane(Runnable::run, 10), 0));
    }

    private static DownstreamDelivery newMessage(DeliveryTarget... targets) {
        return DownstreamDelivery.newBuilder()
                .addAllTargets(List.of(targets))
                .setNewMessage(NewMessageEvent.newBuilder().setMessage(Message.newBuilder()
                        .setId(77).setConversationId("g_1").setSenderId(1).setContent("hi").setSeq(3)))
                .build();
    }

    @Test
    void deliversOneSerializedFrameToEveryResolvedConnection() {
        connect("a1", 1, "s1");
        connect("a2", 1, "s2");
        connect("b1", 2, "s3");
        connect("c1", 3, "s4");

        int sent = processor.process(newMessage(
                DeliveryTarget.newBuilder().setUserId(1).setExcludeConnectionId("a1").build(),
                DeliveryTarget.newBuilder().setUserId(2).build(),
                // 重复目标不应重复发送
                DeliveryTarget.newBuilder().setUserId(2).build()));

        assertEquals(2, sent);
        assertEquals(List.of(), sessions.get("a1").sent());
        assertEquals(1, sessions.get("a2").sent().size());
        assertEquals(1, sessions.get("b1").sent().size());
        assertEquals(List.of(), sessions.get("c1").sent());
        // 同一个字符串实例：只序列化了一次
        assertSame(sessions.get("a2").sent().get(0), sessions.get("b1").sent().get(0));
        assertTrue(sessions.get("a2").sent().get(0).contains("\"type\":\"new-message\""));
    }

    @Test
    void sessionRevokedClosesOnlyThatSessionsConnections() {
        connect("a1", 1, "sid-x");
        connect("a2", 1, "sid-y");
        connect("b1", 2, "sid-x");

        int closed = processor.process(DownstreamDelivery.newBuilder()
                .addTargets(DeliveryTarget.newBuilder().setUserId(1))
                .setSessionRevoked(SessionRevokedEvent.newBuilder().setUserId(1).setSessionId("sid-x"))
                .build());

        assertEquals(1, closed);
        assertEquals(DeliveryProcessor.CLOSE_SESSION_REVOKED,
                sessions.get("a1").closedWith().getCode());
        assertNull(sessions.get("a2").closedWith());
        assertNull(sessions.get("b1").closedWith());
    }

    @Test
    void deliveryWithoutEventIsSkipped() {
        connect("a1", 1, "s");
        assertEquals(0, processor.process(DownstreamDelivery.newBuilder()
                .addTargets(DeliveryTarget.newBuilder().setUserId(1)).build()));
        assertEquals(List.of(), sessions.get("a1").sent());
    }
}
