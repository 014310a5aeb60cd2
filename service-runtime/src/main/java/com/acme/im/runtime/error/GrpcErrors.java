package com.acme.im.runtime.error;

import com.acme.im.proto.common.v1.ErrorDetail;
import com.acme.im.runtime.trace.TraceContext;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * 业务错误与 gRPC 状态之间的双向转换：错误码放在 google.rpc.Status 的 details 中，
 * 调用方据此无损还原，而不是只凭 gRPC 状态码猜测。
 */
public final class GrpcErrors {

    private GrpcErrors() {
    }

    /** 把任意异常转换成带 ErrorDetail 的 gRPC 异常；未知异常不暴露细节，统一为 1000。 */
    public static StatusRuntimeException toStatus(Throwable t) {
        if (t instanceof StatusRuntimeException sre && StatusProto.fromThrowable(sre) != null) {
            return sre;
        }
        ImException im = t instanceof ImException e ? e : new ImException(ErrorCode.INTERNAL);
        ErrorDetail detail = ErrorDetail.newBuilder()
                .setCode(im.code())
                .setMessage(im.getMessage() == null ? "" : im.getMessage())
                .setTraceId(TraceContext.currentOrEmpty())
                .build();
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(im.errorCode().grpcStatus().value())
                .setMessage(detail.getMessage())
                .addDetails(Any.pack(detail))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    /** 把调用下游得到的异常还原为业务异常；没有详情时按 gRPC 状态码推断。 */
    public static ImException fromThrowable(Throwable t) {
        if (t instanceof ImException im) {
            return im;
        }
        com.google.rpc.Status status = StatusProto.fromThrowable(t);
        if (status != null) {
            for (Any any : status.getDetailsList()) {
                if (any.is(ErrorDetail.class)) {
                    try {
                        ErrorDetail d = any.unpack(ErrorDetail.class);
                        return new ImException(ErrorCode.of(d.getCode()), d.getMessage());
                    } catch (InvalidProtocolBufferException ignored) {
                        // 详情损坏时退回按状态码推断
                    }
                }
            }
        }
        Status s = Status.fromThrowable(t);
        return switch (s.getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED -> new ImException(ErrorCode.UNAVAILABLE, "downstream service unavailable", t);
            case UNAUTHENTICATED -> new ImException(ErrorCode.UNAUTHORIZED);
            case PERMISSION_DENIED -> new ImException(ErrorCode.FORBIDDEN);
            case NOT_FOUND -> new ImException(ErrorCode.NOT_FOUND);
            case INVALID_ARGUMENT -> new ImException(ErrorCode.INVALID_PARAMETER);
            case RESOURCE_EXHAUSTED -> new ImException(ErrorCode.RATE_LIMITED);
            default -> new ImException(ErrorCode.INTERNAL, ErrorCode.INTERNAL.defaultMessage(), t);
        };
    }
}
