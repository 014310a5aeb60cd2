package com.acme.im.logic.message;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * 一条消息的路由结果。
 *
 * @param sends    全部下行记录（或扩散任务）的发送结果
 * @param offline  直接路由时离线的接收者（不含发送者），用于离线推送
 * @param fanout   是否改为发布了扩散任务
 */
public record RouteResult(CompletableFuture<Void> sends, List<Long> offline, boolean fanout) {
}
