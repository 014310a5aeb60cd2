package com.acme.im.logic.revision;

import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.runtime.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * 撤回与编辑的判定：发送者与时间窗、群主/管理员、已撤回。
 */
class RevisionRulesTest {

    private static final long SENDER = 7;
    private static final long OTHER = 8;
    private static final long SENT_AT = 1_000_000;
    private static final Duration RECALL = Duration.ofMinutes(2);
    private static final Duration EDIT = Duration.ofMinutes(15);

    private static Message message(boolean recalled) {
        return Message.newBuilder().setId(1).setSenderId(SENDER).setCreatedAt(SENT_AT).setRecalled(recalled)
                .setType(MessageType.MESSAGE_TYPE_TEXT).build();
    }

    @Test
    void senderRecallsWithinTheWindowOnly() {
        assertNull(RevisionRules.recall(message(false), SENDER, false, SENT_AT + RECALL.toMillis(), RECALL));
        assertEquals(ErrorCode.MESSAGE_WINDOW_PASSED,
                RevisionRules.recall(message(false), SENDER, false, SENT_AT + RECALL.toMillis() + 1, RECALL));
    }

    @Test
    void othersNeedToBeGroupOwnerOrAdminWhoRecallAtAnyTime() {
        assertEquals(ErrorCode.NOT_MESSAGE_SENDER, RevisionRules.recall(message(false), OTHER, false, SENT_AT + 1, RECALL));
        assertNull(RevisionRules.recall(message(false), OTHER, true, SENT_AT + Duration.ofDays(30).toMillis(), RECALL));
        // 发送者本人若也是管理员，过了时间窗仍可撤回
        assertNull(RevisionRules.recall(message(false), SENDER, true, SENT_AT + Duration.ofDays(1).toMillis(), RECALL));
    }

    @Test
    void recalledMessagesCannotBeRecalledOrEditedAgain() {
        assertEquals(ErrorCode.MESSAGE_RECALLED, RevisionRules.recall(message(true), SENDER, true, SENT_AT, RECALL));
        assertEquals(ErrorCode.MESSAGE_RECALLED, RevisionRules.edit(message(true), SENDER, SENT_AT, EDIT));
    }

    @Test
    void onlyTheSenderEditsWithinTheEditWindow() {
        assertNull(RevisionRules.edit(message(false), SENDER, SENT_AT + EDIT.toMillis(), EDIT));
        assertEquals(ErrorCode.MESSAGE_WINDOW_PASSED, RevisionRules.edit(message(false), SENDER, SENT_AT + EDIT.toMillis() + 1, EDIT));
        assertEquals(ErrorCode.NOT_MESSAGE_SENDER, RevisionRules.edit(message(false), OTHER, SENT_AT + 1, EDIT));
    }

    @Test
    void imagesAndFilesCannotBeEdited() {
        for (MessageType type : new MessageType[]{MessageType.MESSAGE_TYPE_IMAGE, MessageType.MESSAGE_TYPE_FILE}) {
            Message m = message(false).toBuilder().setType(type).build();
            assertEquals(ErrorCode.INVALID_MESSAGE, RevisionRules.edit(m, SENDER, SENT_AT + 1, EDIT));
        }
    }
}
