package com.acme.im.repo.message;

import java.util.List;

/**
 * 按 seq 升序的一页消息；hasMore 表示同方向还有更多。
 */
public record MessagePage(List<MessageRecord> messages, boolean hasMore) {
}
