package com.acme.im.repo.contact;

/**
 * 一对用户（user，other）之间的关系。
 *
 * @param blockedByOther other 拉黑了 user
 * @param blockingOther  user 拉黑了 other
 * @param friends        双方是好友
 */
public record Relation(boolean blockedByOther, boolean blockingOther, boolean friends) {
}
