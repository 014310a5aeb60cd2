package com.acme.im.repo.admin;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 在线状态哈希按网关计数：只数未过期的连接字段，同一网关多条连接只算一个用户。
 */
class OnlineCounterTest {

    @Test
    void countsLiveConnectionsPerGatewayOncePerUser() {
        Map<String, Long> per = new HashMap<>();
        assertTrue(OnlineCounter.countUser(Map.of("gw-a|c1", "2000", "gw-a|c2", "3000", "gw-b|c3", "2000",
                "gw-c|c4", "500", "last_seen", "900"), 1000, per));
        assertEquals(Map.of("gw-a", 1L, "gw-b", 1L), per);
        assertFalse(OnlineCounter.countUser(Map.of("gw-a|c1", "999", "last_seen", "999", "junk", "x", "gw-a|c9", "x"), 1000, per));
        assertEquals(Map.of("gw-a", 1L, "gw-b", 1L), per);
    }

    @Test
    void likeWildcardsAreLiteral() {
        assertEquals("50\\%\\_off\\\\", AdminService.escapeLike("50%_off\\"));
    }
}
