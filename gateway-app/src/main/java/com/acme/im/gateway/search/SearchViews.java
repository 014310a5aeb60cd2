package com.acme.im.gateway.search;

import com.acme.im.gateway.conversation.ConversationViews;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.List;

/**
 * 搜索接口的响应体（snake_case，与其他 REST 响应一致）。
 */
final class SearchViews {

    private SearchViews() {
    }

    /**
     * 一条命中。
     *
     * @param message 消息
     * @param score   相关度
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record HitView(ConversationViews.MessageView message, float score) {
    }

    /**
     * 一页命中。
     *
     * @param hits     命中
     * @param total    命中总数
     * @param page     页码
     * @param pageSize 每页条数
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record SearchPage(List<HitView> hits, long total, int page, int pageSize) {
    }
}
