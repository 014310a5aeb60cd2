package com.acme.im.gateway.ops;

import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration.NettyListenerConfiguration;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManagementListenerTest {

    @Test
    void publicListenerFirstManagementOnLoopbackWithEndpointRoutesOnly() {
        List<NettyListenerConfiguration> l = ManagementListener.listeners(null, 8080, "127.0.0.1", 9080);
        assertEquals(2, l.size());
        NettyListenerConfiguration pub = l.get(0);
        assertEquals(8080, pub.getPort());
        assertNull(pub.getHost(), "public port keeps binding all interfaces");
        assertTrue(pub.isExposeDefaultRoutes());
        assertTrue(pub.isSupportGracefulShutdown());
        NettyListenerConfiguration mgmt = l.get(1);
        assertEquals(9080, mgmt.getPort());
        assertEquals("127.0.0.1", mgmt.getHost());
        assertFalse(mgmt.isExposeDefaultRoutes(), "no REST or /ws on the management port");
        assertFalse(mgmt.isSupportGracefulShutdown(), "readiness stays readable while draining");
    }
}
