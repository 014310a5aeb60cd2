package com.acme.im.runtime.trace;

import com.acme.im.runtime.error.GrpcErrors;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 入站 gRPC 调用：从元数据恢复追踪 ID 到 MDC，并把处理中抛出的任何异常转换成带错误码的状态，
 * 未知异常记录日志后以 1000 返回，不泄露堆栈。
 */
@Singleton
public class GrpcTraceServerInterceptor implements ServerInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcTraceServerInterceptor.class);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String traceId = headers.get(GrpcTraceClientInterceptor.KEY);
        String effective;
        ServerCall.Listener<Q> delegate;
        try (TraceContext.Scope ignored = TraceContext.open(traceId)) {
            effective = TraceContext.current();
            delegate = next.startCall(call, headers);
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
            private void guarded(Runnable r) {
                try (TraceContext.Scope ignored = TraceContext.open(effective)) {
                    r.run();
                } catch (RuntimeException e) {
                    StatusRuntimeException sre = GrpcErrors.toStatus(e);
                    if (sre.getStatus().getCode() == Status.Code.INTERNAL) {
                        LOG.error("grpc call {} failed", call.getMethodDescriptor().getFullMethodName(), e);
                    }
                    try {
                        call.close(sre.getStatus(), sre.getTrailers() == null ? new Metadata() : sre.getTrailers());
                    } catch (IllegalStateException alreadyClosed) {
                        // 调用已关闭（处理器已自行返回错误）
                    }
                }
            }

            @Override
            public void onMessage(Q message) {
                guarded(() -> super.onMessage(message));
            }

            @Override
            public void onHalfClose() {
                guarded(super::onHalfClose);
            }

            @Override
            public void onCancel() {
                guarded(super::onCancel);
            }

            @Override
            public void onComplete() {
                guarded(super::onComplete);
            }

            @Override
            public void onReady() {
                guarded(super::onReady);
            }
        };
    }
}
