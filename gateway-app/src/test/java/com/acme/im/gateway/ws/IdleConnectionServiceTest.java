package com.acme.im.gateway.ws;

import com.acme.im.gateway.GatewayConfiguration;
import com.acme.im.gateway.auth.AuthenticatedUser;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class IdleConnectionServiceTest {

    @Test
    void closesOnlyConnectionsSilentLongerThanTheIdleTimeout() {
        GatewayConfiguration configuration = new GatewayConfiguration();
        configuration.setIdleTimeout(Duration.ofSeconds(60));
        ConnectionRegistry registry = new ConnectionRegistry();
        RecordingSession quiet = new RecordingSession("quiet");
        RecordingSession chatty = new RecordingSession("chatty");
        Connection q = new Connection("quiet", new AuthenticatedUser(1, "a", "s"), quiet, new SerialLane(Runnable::run, 1), 0);
        Connection c = new Connection("chatty", new AuthenticatedUser(2, "b", "s"), chatty, new SerialLane(Runnable::run, 1), 0);
        registry.register(q);
        registry.register(c);
        c.touch(30_000);

        IdleConnectionService service = new IdleConnectionService(registry, configuration);
        assertEquals(0, service.closeIdle(60_000));
        assertEquals(1, service.closeIdle(60_001));
        assertEquals(IdleConnectionService.CLOSE_IDLE, quiet.closedWith().getCode());
        assertNull(chatty.closedWith());
    }
}
