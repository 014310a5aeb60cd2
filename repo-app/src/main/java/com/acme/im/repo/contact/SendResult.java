package com.acme.im.repo.contact;

/**
 * 发好友申请的结果。
 *
 * @param created      新建了申请
 * @param autoAccepted 对方的反向待处理申请被直接接受，双方已是好友
 */
public record SendResult(FriendRequestRecord request, boolean created, boolean autoAccepted) {
}
