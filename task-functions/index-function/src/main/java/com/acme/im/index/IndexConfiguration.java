package com.acme.im.index;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * 索引配置；索引名须与 logic-app 搜索使用的一致。
 */
@ConfigurationProperties("im.index")
public class IndexConfiguration {

    /** 消息索引名，默认 im-messages。 */
    private String name = "im-messages";
    /** 新建索引的分片数，默认 1（单节点）。 */
    private int shards = 1;
    /** 新建索引的副本数，默认 0（单节点）。 */
    private int replicas = 0;
    /** bulk 写入后是否立即刷新（wait_for），使刚发的消息马上能搜到；默认开启。 */
    private boolean refreshOnWrite = true;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public int getShards() {
        return shards;
    }

    public void setShards(int shards) {
        this.shards = shards;
    }

    public int getReplicas() {
        return replicas;
    }

    public void setReplicas(int replicas) {
        this.replicas = replicas;
    }

    public boolean isRefreshOnWrite() {
        return refreshOnWrite;
    }

    public void setRefreshOnWrite(boolean refreshOnWrite) {
        this.refreshOnWrite = refreshOnWrite;
    }
}
