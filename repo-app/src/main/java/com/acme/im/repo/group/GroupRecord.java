package com.acme.im.repo.group;

import io.micronaut.serde.annotation.Serdeable;

/**
 * 群组信息（缓存键 group:v2:{id}）。
 *
 * @param announcement   群公告，未设置为空串
 * @param announcementAt 公告更新时间，未设置为 0
 * @param allMuted       全员禁言
 * @param dissolvedAt    解散时间，0 表示未解散
 */
@Serdeable
public record GroupRecord(long id, String name, long ownerId, int memberCount, long createdAt,
                          String announcement, long announcementAt, boolean allMuted, long dissolvedAt) {

    public GroupRecord {
        // JSON 序列化会省略空串，从缓存读回时还原为空串
        name = name == null ? "" : name;
        announcement = announcement == null ? "" : announcement;
    }

    /** 新建的群：无公告、未禁言、未解散。 */
    public static GroupRecord fresh(long id, String name, long ownerId, int memberCount, long createdAt) {
        return new GroupRecord(id, name, ownerId, memberCount, createdAt, "", 0, false, 0);
    }

    public String conversationId() {
        return "g_" + id;
    }

    public boolean dissolved() {
        return dissolvedAt != 0;
    }

    public GroupRecord withMemberCount(int count) {
        return new GroupRecord(id, name, ownerId, count, createdAt, announcement, announcementAt, allMuted, dissolvedAt);
    }
}
