package com.acme.im.gateway.rpc;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * 非阻塞的 gRPC 调用结果交给 HTTP 层：热点读接口（会话列表、历史）不再占用阻塞线程池，
 * 省掉每个请求一次“事件循环 → 工作线程 → 事件循环”的线程交接（这台 2 核机器上每次唤醒都要一次系统调用）。
 * 结果在该请求连接的 Netty 事件循环上完成，响应在同一线程上序列化并写出。令牌校验也用它：若在 gRPC 线程上完成，
 * WebSocket 升级的 101 响应与管道切换会和后续读帧竞争，客户端握手后立即发出的帧可能落到旧的 HTTP 处理器上而丢失
 * （micronaut-core #11252，修复只在更新的版本中）。
 */
public final class AsyncCalls {

    private AsyncCalls() {
    }

    /** 失败时以 gRPC 的原始异常（StatusRuntimeException）完成，由对应的 ExceptionHandler 转成错误响应。 */
    public static <T> CompletableFuture<T> completable(ListenableFuture<T> call, @Nullable HttpRequest<?> request) {
        CompletableFuture<T> out = new CompletableFuture<>();
        Futures.addCallback(call, new FutureCallback<>() {
            @Override
            public void onSuccess(T result) {
                out.complete(result);
            }

            @Override
            public void onFailure(Throwable t) {
                out.completeExceptionally(t);
            }
        }, eventLoopOf(request));
        return out;
    }

    /** 请求所在连接的事件循环；不是 Netty 请求时（测试）就地执行。 */
    public static Executor eventLoopOf(@Nullable HttpRequest<?> request) {
        if (request instanceof NettyHttpRequest<?> netty) {
            return netty.getChannelHandlerContext().channel().eventLoop();
        }
        return MoreExecutors.directExecutor();
    }
}
