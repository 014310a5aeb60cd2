package com.acme.im.repo.group;

import io.micronaut.serde.annotation.Serdeable;

/**
 * 群组信息（缓存键 group:{id}）。
 */
@Serdeable
public record GroupRecord(long id, String name, long ownerId, int memberCount, long createdAt) {

    public String conversationId() {
        return "g_" + id;
    }
}
