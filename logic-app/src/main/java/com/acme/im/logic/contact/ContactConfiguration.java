package com.acme.im.logic.contact;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * 好友相关开关（前缀 im.logic.contacts）。
 */
@ConfigurationProperties("im.logic.contacts")
public class ContactConfiguration {

    /**
     * 为 true 时只有好友之间能打开单聊、发单聊消息（否则 5001）；默认 false：任何人都能与任何人单聊，
     * 与加好友功能出现之前的行为一致。
     */
    private boolean friendsOnlySingleChat = false;

    public boolean isFriendsOnlySingleChat() {
        return friendsOnlySingleChat;
    }

    public void setFriendsOnlySingleChat(boolean friendsOnlySingleChat) {
        this.friendsOnlySingleChat = friendsOnlySingleChat;
    }
}
