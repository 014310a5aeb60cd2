package com.acme.im.repo.group;

import io.micronaut.serde.annotation.Serdeable;

/**
 * 群组信息（缓存键 group:{id}）。
 */
@Serdeable
public record GroupRecord(long id, String name, long ownerId, int memberCount, long createdAt) {

    public GroupRecord {
        // JSON 序列化会省略空串，从缓存读回时还原为空串
        name = name == null ? "" : name;
    }

    public String conversationId() {
        return "g_" + id;
    }
}
