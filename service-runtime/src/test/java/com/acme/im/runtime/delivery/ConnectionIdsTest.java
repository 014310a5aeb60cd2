package com.acme.im.runtime.delivery;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ConnectionIdsTest {

    @Test
    void carriesTheSessionIdAndIsUnique() {
        String sid = "3f1c0b7e-1111-2222-3333-444455556666";
        String a = ConnectionIds.newId(sid);
        String b = ConnectionIds.newId(sid);
        assertNotEquals(a, b);
        assertEquals(Optional.of(sid), ConnectionIds.sessionId(a));
        assertEquals(Optional.of(sid), ConnectionIds.sessionId(b));
    }

    @Test
    void oldFormatAndMissingSessionHaveNoSession() {
        assertEquals(Optional.empty(), ConnectionIds.sessionId("3f1c0b7e-1111-2222-3333-444455556666"));
        assertEquals(Optional.empty(), ConnectionIds.sessionId(ConnectionIds.newId("")));
        assertEquals(Optional.empty(), ConnectionIds.sessionId(null));
        assertEquals(Optional.empty(), ConnectionIds.sessionId(":abc"));
    }
}
