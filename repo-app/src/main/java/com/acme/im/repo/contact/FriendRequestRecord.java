package com.acme.im.repo.contact;

/**
 * 一条好友申请；status 为 pending、accepted、rejected、cancelled 之一。
 */
public record FriendRequestRecord(long id, long fromUserId, long toUserId, String note, String status,
                                  long createdAt, long updatedAt) {

    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String CANCELLED = "cancelled";

    public boolean pending() {
        return PENDING.equals(status);
    }
}
