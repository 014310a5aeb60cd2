package com.acme.im.logic;

import io.micronaut.runtime.Micronaut;

/**
 * logic-app 入口：业务规则、上行消费与消息路由。
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        // HTTP（健康、指标）与 gRPC 服务器随上下文一起启动
        Micronaut.build(args).mainClass(Application.class).start();
    }
}
