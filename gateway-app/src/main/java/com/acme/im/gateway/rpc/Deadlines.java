package com.acme.im.gateway.rpc;

import com.acme.im.gateway.GatewayConfiguration;
import io.grpc.stub.AbstractStub;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/**
 * 为每次 gRPC 调用加上截止时间，避免下游卡死时请求线程无限等待。
 */
@Singleton
public class Deadlines {

    private final GatewayConfiguration configuration;

    public Deadlines(GatewayConfiguration configuration) {
        this.configuration = configuration;
    }

    /** 调用 logic-app 前使用。 */
    public <S extends AbstractStub<S>> S logic(S stub) {
        return stub.withDeadlineAfter(configuration.getLogicDeadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** 调用 repo-app 前使用。 */
    public <S extends AbstractStub<S>> S repo(S stub) {
        return stub.withDeadlineAfter(configuration.getRepoDeadline().toMillis(), TimeUnit.MILLISECONDS);
    }
}
