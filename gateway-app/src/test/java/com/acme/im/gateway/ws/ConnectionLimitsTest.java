package com.acme.im.gateway.ws;

import com.acme.im.gateway.GatewayConfiguration;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConnectionLimitsTest {

    @Test
    void derivedFromTheOpenFileLimitMinusTheReserve() {
        assertEquals(64_536, ConnectionLimits.derive(65_536, 1000));
        // 上限很小时最多预留四分之一，不至于只剩几十个连接
        assertEquals(768, ConnectionLimits.derive(1024, 1000));
        // 封顶
        assertEquals(GatewayConfiguration.MAX_DERIVED_CONNECTIONS, ConnectionLimits.derive(1_048_576, 1000));
        // 读不到上限
        assertEquals(ConnectionLimits.FALLBACK_MAX_CONNECTIONS, ConnectionLimits.derive(-1, 1000));
    }

    @Test
    void derivedLimitFollowsARaisedOpenFileLimitWithoutRestart() {
        AtomicLong nofile = new AtomicLong(4096);
        ConnectionLimits limits = new ConnectionLimits(new GatewayConfiguration(), nofile::get);
        assertEquals(3096, limits.maxConnections());
        nofile.set(200_000); // prlimit --nofile=200000
        assertEquals(100_000, limits.maxConnections());
    }

    @Test
    void configuredValuesWin() {
        GatewayConfiguration c = new GatewayConfiguration();
        c.setMaxConnections(5);
        c.setMaxConnectionsPerUser(2);
        ConnectionLimits limits = new ConnectionLimits(c, () -> 1_000_000);
        assertEquals(5, limits.maxConnections());
        assertEquals(2, limits.maxConnectionsPerUser());
        assertEquals(5, new GatewayConfiguration().getMaxConnectionsPerUser(), "seed 002: five devices");
    }

    @Test
    void perUserLimitMustAllowOneConnection() {
        GatewayConfiguration c = new GatewayConfiguration();
        c.setMaxConnectionsPerUser(0);
        assertThrows(IllegalArgumentException.class, () -> new ConnectionLimits(c, () -> 1024));
    }
}
