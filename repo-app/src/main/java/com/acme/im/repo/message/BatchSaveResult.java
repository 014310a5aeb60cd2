package com.acme.im.repo.message;

import com.acme.im.runtime.error.ImException;

/**
 * 批量保存中一条消息的结果：要么是消息（新存或原消息），要么是这条消息自身的错误。
 *
 * @param message   已保存的消息；失败时为 null
 * @param duplicate 是否为重复请求
 * @param source    原消息保存时的来源
 * @param error     这条消息的错误；成功时为 null
 */
public record BatchSaveResult(MessageRecord message, boolean duplicate, MessageSource source, ImException error) {

    static BatchSaveResult saved(MessageRecord message, boolean duplicate, MessageSource source) {
        return new BatchSaveResult(message, duplicate, source, null);
    }

    static BatchSaveResult failed(ImException error) {
        return new BatchSaveResult(null, false, MessageSource.NONE, error);
    }
}
