package com.acme.im.logic.revision;

import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.runtime.error.ErrorCode;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * 撤回与编辑的判定规则（纯函数，不访问任何服务，单元测试直接覆盖）。返回 null 表示允许，否则为拒绝的错误码。
 */
public final class RevisionRules {

    private RevisionRules() {
    }

    /**
     * 撤回：已撤回 3005；发送者在时间窗内可撤回；moderator（群主对任何人、管理员对普通成员与自己）任何时候可撤回；
     * 发送者超出时间窗 3004，其他人 3003。
     */
    @Nullable
    public static ErrorCode recall(Message message, long userId, boolean moderator, long now, Duration window) {
        if (message.getRecalled()) {
            return ErrorCode.MESSAGE_RECALLED;
        }
        boolean sender = message.getSenderId() == userId;
        if (sender && withinWindow(message, now, window)) {
            return null;
        }
        if (moderator) {
            return null;
        }
        return sender ? ErrorCode.MESSAGE_WINDOW_PASSED : ErrorCode.NOT_MESSAGE_SENDER;
    }

    /** 编辑：已撤回 3005；只有文本消息（3002：图片、文件的内容是对象引用，不能换成任意文本）；只有发送者（3003）；时间窗内（3004）。 */
    @Nullable
    public static ErrorCode edit(Message message, long userId, long now, Duration window) {
        if (message.getRecalled()) {
            return ErrorCode.MESSAGE_RECALLED;
        }
        if (message.getType() != MessageType.MESSAGE_TYPE_TEXT) {
            return ErrorCode.INVALID_MESSAGE;
        }
        if (message.getSenderId() != userId) {
            return ErrorCode.NOT_MESSAGE_SENDER;
        }
        return withinWindow(message, now, window) ? null : ErrorCode.MESSAGE_WINDOW_PASSED;
    }

    private static boolean withinWindow(Message message, long now, Duration window) {
        return now - message.getCreatedAt() <= window.toMillis();
    }
}
