package com.acme.im.logic.message;

import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.event.v1.UpstreamMessage;
import com.acme.im.proto.repo.v1.MessageSource;
import com.acme.im.proto.repo.v1.SaveMessageResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 重发判定：只有原记录与当前记录同分区、且原偏移量在本批起点之前时，原投递才算已确认发布。
 */
class KnownPublishedTest {

    private static UpstreamBatchProcessor.Item duplicate(int partition, long offset, MessageSource source) {
        UpstreamBatchProcessor.Item item = new UpstreamBatchProcessor.Item(
                new UpstreamBatchProcessor.UpstreamRecord(partition, offset, UpstreamMessage.getDefaultInstance(), ""));
        SaveMessageResult.Builder r = SaveMessageResult.newBuilder().setDuplicate(true).setMessage(Message.newBuilder().setId(9));
        if (source != null) {
            r.setSource(source);
        }
        item.saved = r.build();
        return item;
    }

    private static MessageSource at(int partition, long offset) {
        return MessageSource.newBuilder().setPartition(partition).setOffset(offset).build();
    }

    @Test
    void originalBeforeTheBatchOnTheSamePartitionWasPublished() {
        assertTrue(UpstreamBatchProcessor.knownPublished(duplicate(2, 120, at(2, 99)), Map.of(2, 100L)));
    }

    @Test
    void originalInsideThisBatchIsNotKnownToBePublished() {
        assertFalse(UpstreamBatchProcessor.knownPublished(duplicate(2, 120, at(2, 100)), Map.of(2, 100L)));
        assertFalse(UpstreamBatchProcessor.knownPublished(duplicate(2, 120, at(2, 110)), Map.of(2, 100L)));
    }

    @Test
    void originalOnAnotherPartitionOrWithoutSourceIsRoutedAgain() {
        assertFalse(UpstreamBatchProcessor.knownPublished(duplicate(2, 120, at(1, 5)), Map.of(1, 100L, 2, 100L)));
        assertFalse(UpstreamBatchProcessor.knownPublished(duplicate(2, 120, null), Map.of(2, 100L)));
    }
}
