package com.acme.im.repo;

import io.micronaut.runtime.Micronaut;

/**
 * repo-app 入口：gRPC 数据服务（50051）加健康与指标 HTTP 端口（8081）。
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
