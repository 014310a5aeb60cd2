package com.acme.im.push;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * 发给推送服务的一条通知：一个用户、他的全部设备令牌、标题、发送者与截断后的预览。
 *
 * @param userId         接收者
 * @param tokens         设备令牌
 * @param title          标题（会话名或发送者昵称）
 * @param sender         发送者显示名
 * @param preview        内容预览
 * @param messageId      消息 ID（推送服务可据此去重）
 * @param conversationId 会话 ID（客户端点开通知后跳转）
 */
@Serdeable
public record PushNotification(@JsonProperty("user_id") long userId,
                               List<Token> tokens,
                               String title,
                               String sender,
                               String preview,
                               @JsonProperty("message_id") long messageId,
                               @JsonProperty("conversation_id") String conversationId) {

    /**
     * 一个设备令牌。
     *
     * @param deviceId 设备 ID
     * @param platform 推送平台（apns、fcm 等）
     * @param token    令牌
     */
    @Serdeable
    public record Token(@JsonProperty("device_id") String deviceId, String platform, String token) {
    }
}
