package com.acme.im.repo.message;

/**
 * 保存结果：duplicate 为 true 时 message 是同一 client_msg_id 第一次保存的那条。
 */
public record SaveResult(MessageRecord message, boolean duplicate) {
}
