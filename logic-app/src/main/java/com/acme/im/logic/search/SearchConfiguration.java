package com.acme.im.logic.search;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * 消息搜索配置；索引名须与 index-function 写入的一致。
 */
@ConfigurationProperties("im.search")
public class SearchConfiguration {

    /** 消息索引名，默认 im-messages。 */
    private String index = "im-messages";
    /** 查询词最大字符数，默认 100（logic.proto 约定 1-100）。 */
    private int maxQueryLength = 100;
    /** 默认每页条数，默认 20。 */
    private int defaultPageSize = 20;
    /** 每页条数上限，默认 50。 */
    private int maxPageSize = 50;
    /** 参与搜索的会话数上限（会话过多时只取最近更新的），默认 2000。 */
    private int maxConversations = 2000;

    public String getIndex() {
        return index;
    }

    public void setIndex(String index) {
        this.index = index;
    }

    public int getMaxQueryLength() {
        return maxQueryLength;
    }

    public void setMaxQueryLength(int maxQueryLength) {
        this.maxQueryLength = maxQueryLength;
    }

    public int getDefaultPageSize() {
        return defaultPageSize;
    }

    public void setDefaultPageSize(int defaultPageSize) {
        this.defaultPageSize = defaultPageSize;
    }

    public int getMaxPageSize() {
        return maxPageSize;
    }

    public void setMaxPageSize(int maxPageSize) {
        this.maxPageSize = maxPageSize;
    }

    public int getMaxConversations() {
        return maxConversations;
    }

    public void setMaxConversations(int maxConversations) {
        this.maxConversations = maxConversations;
    }
}
