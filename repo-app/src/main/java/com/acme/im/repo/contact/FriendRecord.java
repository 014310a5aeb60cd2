package com.acme.im.repo.contact;

/**
 * 一个好友：userId 的好友 friendId，以及 userId 给他的备注。
 */
public record FriendRecord(long userId, long friendId, String remark, long createdAt) {
}
