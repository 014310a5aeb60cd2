package com.acme.im.runtime.trace;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import jakarta.inject.Singleton;

/**
 * 出站 gRPC 调用把当前追踪 ID 写入元数据 x-trace-id。
 */
@Singleton
public class GrpcTraceClientInterceptor implements ClientInterceptor {

    static final Metadata.Key<String> KEY = Metadata.Key.of(TraceContext.HEADER, Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                String id = TraceContext.current();
                if (id != null) {
                    headers.put(KEY, id);
                }
                super.start(listener, headers);
            }
        };
    }
}
