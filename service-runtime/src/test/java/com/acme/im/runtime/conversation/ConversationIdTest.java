package com.acme.im.runtime.conversation;

import com.acme.im.proto.common.v1.ConversationType;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConversationIdTest {

    @Test
    void parsesSingleGroupAndWorld() {
        ConversationId single = ConversationId.parse("s_3_12");
        assertEquals(ConversationType.CONVERSATION_TYPE_SINGLE, single.type());
        assertEquals(3, single.smallUser());
        assertEquals(12, single.largeUser());
        assertEquals(12, single.peerOf(3));
        assertEquals(3, single.peerOf(12));
        assertTrue(single.isParticipant(3));
        assertFalse(single.isParticipant(4));

        ConversationId group = ConversationId.parse("g_42");
        assertEquals(ConversationType.CONVERSATION_TYPE_GROUP, group.type());
        assertEquals(42, group.groupId());
        assertEquals(ErrorCode.NOT_GROUP_MEMBER, group.notMemberCode());

        ConversationId world = ConversationId.parse("world");
        assertTrue(world.isWorld());
        assertEquals(ErrorCode.FORBIDDEN, world.notMemberCode());
    }

    @Test
    void singleIsCanonicalWhateverTheOrder() {
        assertEquals("s_5_9", ConversationId.single(9, 5).value());
        assertEquals(ConversationId.single(5, 9), ConversationId.parse("s_5_9"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s_9_5", "s_5_5", "s_05_9", "s_5", "s_5_9_1", "s_-1_3", "g_0", "g_", "g_01", "g_x",
            "World", "x_1", "s_1_99999999999999999999", "s_+1_2"})
    void rejectsNonCanonicalIds(String id) {
        ImException e = assertThrows(ImException.class, () -> ConversationId.parse(id));
        assertEquals(ErrorCode.INVALID_PARAMETER, e.errorCode());
    }

    @Test
    void nonParticipantHasNoPeer() {
        ImException e = assertThrows(ImException.class, () -> ConversationId.parse("s_1_2").peerOf(3));
        assertEquals(ErrorCode.FORBIDDEN, e.errorCode());
    }

    @Test
    void cannotChatWithSelf() {
        assertThrows(ImException.class, () -> ConversationId.single(7, 7));
    }
}
