package com.acme.im.repo;

import com.acme.im.proto.repo.v1.CreateUserRequest;
import com.acme.im.proto.repo.v1.UserServiceGrpc;
import com.acme.im.runtime.error.GrpcErrors;
import io.grpc.ManagedChannel;
import io.grpc.stub.AbstractStub;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * 测试数据与断言辅助：每个测试用新用户名与新会话，互不干扰，也不需要清库。
 */
public final class TestData {

    private TestData() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    public static <S extends AbstractStub<S>> S deadline(S stub) {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    public static long newUser(ManagedChannel channel) {
        return deadline(UserServiceGrpc.newBlockingStub(channel))
                .createUser(CreateUserRequest.newBuilder().setUsername(unique("u")).setPassword("secret-pass").build())
                .getUser().getId();
    }

    /** 执行并返回业务错误码；没有抛错时返回 0。 */
    public static int errorCode(Runnable call) {
        try {
            call.run();
            return 0;
        } catch (RuntimeException e) {
            return GrpcErrors.fromThrowable(e).code();
        }
    }
}
